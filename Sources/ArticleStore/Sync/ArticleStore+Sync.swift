import Foundation
import GRDB

/// What this store remembers about a remote (table `sync_state`).
struct SyncState: Sendable {
    var remoteID: String
    /// The remote's checkpoint this store has everything up to.
    var checkpoint: [UInt8]?
    /// This store's own sequence number the remote has everything up to.
    var pushed: Int64
}

/// What negotiation found: the IDs to fetch, and (after reconciliation)
/// the IDs the remote lacks.
private struct Plan {
    var remoteID: String
    var checkpoint: [UInt8]
    var wanted: [ObjectID]
    var remoteLacks: [ObjectID]?
}

extension ArticleStore {
    /// Fetches what `remote` has and this store lacks. With a checkpoint
    /// from an earlier sync this asks only for what changed since; without
    /// one the two sets are reconciled. Safe to interrupt and re-run.
    public func pull(from remote: any Remote, progress: (@Sendable (StoreProgress) -> Void)? = nil) async throws
        -> SyncReport
    {
        try await run(remote, pull: true, push: false, progress: progress)
    }

    /// Sends what this store has and `remote` lacks.
    public func push(to remote: any Remote, progress: (@Sendable (StoreProgress) -> Void)? = nil) async throws
        -> SyncReport
    {
        try await run(remote, pull: false, push: true, progress: progress)
    }

    /// Pulls, then pushes: afterwards both hold the union of their objects.
    public func sync(with remote: any Remote, progress: (@Sendable (StoreProgress) -> Void)? = nil) async throws
        -> SyncReport
    {
        try await run(remote, pull: true, push: true, progress: progress)
    }

    /// Creates a store at `url` holding everything `remote` has.
    ///
    /// When the remote offers one, the clone starts from a snapshot of the
    /// remote's store, checked object by object before it is used (see
    /// ``SyncReport/snapshot``); with `snapshot` false, or when the remote
    /// offers none, objects are fetched and written one batch at a time.
    /// Progress counts snapshot bytes, then objects.
    public static func clone(
        from remote: any Remote, into url: URL, configuration: Configuration = Configuration(),
        snapshot: Bool = true, progress: (@Sendable (StoreProgress) -> Void)? = nil
    ) async throws -> (ArticleStore, SyncReport) {
        if exists(at: url) { throw StoreError(.invalidArgument, "a store already exists here", subject: url.path) }
        if snapshot,
            let cloned = try await cloneFromSnapshot(
                remote, into: url, configuration: configuration, progress: progress)
        {
            return cloned
        }
        let store = try ArticleStore(at: url, configuration: configuration)
        do {
            return (store, try await store.pull(from: remote, progress: progress))
        } catch {
            // A clone that received nothing leaves nothing behind; one that
            // was cut off mid-way is kept, and `pull` resumes it.
            if try await store.read({ db in try Self.lastSeq(db) }) == 0 {
                try? FileManager.default.removeItem(at: url)
            }
            throw error
        }
    }

    private func run(
        _ remote: any Remote, pull: Bool, push: Bool, progress: (@Sendable (StoreProgress) -> Void)?
    ) async throws -> SyncReport {
        let clock = ContinuousClock.now
        var session = SyncSession(remote)
        var state = try await read { db in try Self.syncState(db, remote.location) }
        var remoteLacks: [ObjectID]?
        if pull {
            let seqBefore = try await read { db in try Self.lastSeq(db) }
            let plan = try await negotiatePull(&session, state)
            try await fetch(plan.wanted, &session, progress)
            let seqAfter = try await read { db in try Self.lastSeq(db) }
            // What came from the remote need not go back to it.
            let sameRemote = state?.remoteID == plan.remoteID
            let pushed =
                plan.remoteLacks?.isEmpty == true || (sameRemote && state?.pushed == seqBefore)
                ? seqAfter : sameRemote ? state?.pushed ?? 0 : 0
            state = SyncState(
                remoteID: plan.remoteID, checkpoint: session.report.unavailable == 0 ? plan.checkpoint : nil,
                pushed: pushed)
            try await save(state!, for: remote.location)
            remoteLacks = plan.remoteLacks
        }
        if push {
            state = try await send(&session, state, remoteLacks: remoteLacks, progress)
            try await save(state!, for: remote.location)
        }
        session.report.conflicts = try await conflicts().map(\.key)
        session.report.pending = try await read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM pending_version") ?? 0
        }
        session.report.elapsed = (ContinuousClock.now - clock).seconds
        let operation = StoreOperation(session.report, kind: pull && push ? .sync : pull ? .pull : .push)
        try await update { db in try operation.save(db) }
        return session.report
    }

    private func negotiatePull(_ session: inout SyncSession, _ state: SyncState?) async throws -> Plan {
        if let state, let checkpoint = state.checkpoint {
            var response = try await session.send(SyncRequest(.changes(since: checkpoint, limit: 100_000)))
            var ids: [ObjectID] = []
            while case .changes(let remoteID, let more, let next, let hasMore) = response.message,
                remoteID == state.remoteID
            {
                ids += more
                guard hasMore else {
                    let listed = ids
                    let wanted = try await read { db in try listed.filter { try !Self.holds(db, $0) } }
                    return Plan(remoteID: remoteID, checkpoint: next, wanted: wanted)
                }
                response = try await session.send(SyncRequest(.changes(since: next, limit: 100_000)))
            }
            guard case .changes = response.message else { throw SyncSession.unexpected(response, to: "changes") }
        }
        let empty = try await read { db in try Self.lastSeq(db) == 0 }
        if empty {
            // A new store lacks everything: the change list is the plan, in
            // an order where contents and parents come first.
            var plan: Plan?
            var since: [UInt8]?
            repeat {
                let response = try await session.send(SyncRequest(.changes(since: since, limit: 100_000)))
                guard case .changes(let remoteID, let ids, let checkpoint, let more) = response.message else {
                    throw SyncSession.unexpected(response, to: "changes")
                }
                plan = Plan(remoteID: remoteID, checkpoint: checkpoint, wanted: (plan?.wanted ?? []) + ids)
                since = more ? checkpoint : nil
            } while since != nil
            plan!.remoteLacks = []
            return plan!
        }
        let probe = try await session.send(SyncRequest(.changes(since: nil, limit: 0)))
        guard case .changes(let remoteID, _, let checkpoint, _) = probe.message else {
            throw SyncSession.unexpected(probe, to: "changes")
        }
        let (need, have) = try await reconcile(&session)
        return Plan(remoteID: remoteID, checkpoint: checkpoint, wanted: need, remoteLacks: have)
    }

    /// Range-based reconciliation: returns the IDs this store lacks and
    /// those the remote lacks.
    private func reconcile(_ session: inout SyncSession) async throws -> ([ObjectID], [ObjectID]) {
        session.report.reconciled = true
        var reconciler = Reconciler(ids: try await read(Self.objectIDs))
        var need = Set<ObjectID>()
        var have = Set<ObjectID>()
        var message = reconciler.start()
        while !message.isEmpty {
            let response = try await session.send(SyncRequest(.ranges(message)))
            guard case .ranges(let items, let theirs, let missing) = response.message else {
                throw SyncSession.unexpected(response, to: "ranges")
            }
            need.formUnion(theirs)
            have.formUnion(missing)
            if items.isEmpty { break }
            message = reconciler.respond(to: items)
        }
        return (Array(need.union(reconciler.need)).sorted(), Array(have.union(reconciler.have)).sorted())
    }

    private func fetch(
        _ wanted: [ObjectID], _ session: inout SyncSession, _ progress: (@Sendable (StoreProgress) -> Void)?
    ) async throws {
        let size = configuration.syncBatchSize
        let batches = stride(from: 0, to: wanted.count, by: size).map {
            Array(wanted[$0..<min($0 + size, wanted.count)])
        }
        // Three batches are in flight at once: the remote packs one, this
        // store checks and compresses the next, and writes the one before.
        let remote = session.remote
        func ask(_ index: Int) -> (SyncRequest, Task<SyncResponse, any Error>)? {
            guard index < batches.count else { return nil }
            let request = SyncRequest(.fetch(batches[index]))
            return (request, Task { try await remote.exchange(request) })
        }
        var next = ask(0)
        var writing: (size: Int, task: Task<ApplyResult, any Error>)?
        var done = 0
        func finishWriting(_ session: inout SyncSession) async throws {
            guard let (size, task) = writing else { return }
            writing = nil
            let result = try await task.value
            session.report.received += result.objects
            session.report.versions += result.versions
            done += size
            progress?(StoreProgress(done: done, total: wanted.count))
        }
        do {
            for (index, batch) in batches.enumerated() {
                guard let (request, task) = next else { break }
                let response = try await task.value
                session.count(request, response)
                next = ask(index + 1)
                guard case .pack(let pack) = response.message else {
                    throw SyncSession.unexpected(response, to: "fetch")
                }
                let entries = try Pack.decode(
                    pack, sizeLimit: configuration.sizeLimit, what: "pack from \(session.report.remote)")
                let asked = Set(batch)
                if let stray = entries.first(where: { !asked.contains($0.id) }) {
                    throw StoreError(
                        .invalidMessage, "the remote sent an object that was not asked for", subject: stray.id.hex)
                }
                session.report.unavailable += batch.count - entries.count
                let prepared = try await prepare(entries)
                try await finishWriting(&session)
                writing = (batch.count, Task { try await self.commit(prepared) })
            }
            try await finishWriting(&session)
        } catch {
            // A batch being written is finished, never abandoned mid-way.
            next?.1.cancel()
            try? await finishWriting(&session)
            throw error
        }
    }

    private func send(
        _ session: inout SyncSession, _ state: SyncState?, remoteLacks: [ObjectID]?,
        _ progress: (@Sendable (StoreProgress) -> Void)?
    ) async throws -> SyncState {
        let seq = try await read { db in try Self.lastSeq(db) }
        var state = state
        var toSend: [ObjectID]
        if let remoteLacks, let known = state {
            toSend = remoteLacks
            state = known
        } else if let known = state, known.pushed > 0 {
            guard known.pushed < seq else { return known }
            let offered = try await read { db in
                try Data.fetchAll(
                    db, sql: "SELECT hash FROM change WHERE seq > ? ORDER BY seq", arguments: [known.pushed]
                )
                .map(VersionRows.id)
            }
            let response = try await session.send(SyncRequest(.missing(offered)))
            guard case .missing(let remoteID, let ids) = response.message else {
                throw SyncSession.unexpected(response, to: "missing")
            }
            if remoteID == known.remoteID {
                toSend = ids
            } else {
                state = nil
                toSend = try await reconcileForPush(&session, &state)
            }
        } else {
            toSend = try await reconcileForPush(&session, &state)
        }
        var done = 0
        for start in stride(from: 0, to: toSend.count, by: configuration.syncBatchSize) {
            let entries = try await entries(
                Array(toSend[start..<min(start + configuration.syncBatchSize, toSend.count)]))
            let pack = Pack.encode(entries)
            let response = try await session.send(SyncRequest(.push(pack: pack, checkpoint: state?.checkpoint)))
            guard case .done(let applied, let checkpoint) = response.message else {
                throw SyncSession.unexpected(response, to: "push")
            }
            session.report.sent += applied
            if state?.checkpoint != nil { state?.checkpoint = checkpoint }
            done += entries.count
            progress?(StoreProgress(done: done, total: toSend.count))
        }
        state?.pushed = seq
        return state!
    }

    /// Finds what the remote lacks when there is no shared checkpoint.
    private func reconcileForPush(_ session: inout SyncSession, _ state: inout SyncState?) async throws -> [ObjectID] {
        let probe = try await session.send(SyncRequest(.missing([])))
        guard case .missing(let remoteID, _) = probe.message else {
            throw SyncSession.unexpected(probe, to: "missing")
        }
        if state?.remoteID != remoteID { state = SyncState(remoteID: remoteID, checkpoint: nil, pushed: 0) }
        return try await reconcile(&session).1
    }

    static func syncState(_ db: Database, _ location: String) throws -> SyncState? {
        try Row.fetchOne(
            db, sql: "SELECT remote_id, checkpoint, pushed FROM sync_state WHERE location = ?", arguments: [location]
        ).map { row in
            SyncState(
                remoteID: row["remote_id"], checkpoint: (row["checkpoint"] as Data?).map { [UInt8]($0) },
                pushed: row["pushed"])
        }
    }

    private func save(_ state: SyncState, for location: String) async throws {
        try await update { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO sync_state (location, remote_id, checkpoint, pushed) VALUES (?, ?, ?, ?)
                    """, arguments: [location, state.remoteID, state.checkpoint.map { Data($0) }, state.pushed])
        }
    }
}
