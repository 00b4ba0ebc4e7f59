import Foundation
import Testing

@Suite("CLI: sync between stores")
struct SyncCLITests {
    /// Runs `artstore` and expects success.
    @discardableResult
    static func ok(_ arguments: [String], in dir: URL) throws -> String {
        let result = try CLI.run(arguments, in: dir)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result.stdout
    }

    @Test func twoStoresSyncThroughAFolderWithEditsOnBothSides() throws {
        try withTemporaryDirectory { dir in
            let input = dir.appendingPathComponent("in")
            try writeArticles(6, into: input)
            try Self.ok(["import", "--store", "a", "in"], in: dir)
            try Self.ok(["remote", "add", "usb", "folder", "--store", "a"], in: dir)
            try Self.ok(["push", "usb", "--store", "a"], in: dir)
            try Self.ok(["clone", "folder", "b"], in: dir)
            #expect(try Self.ok(["remote", "list", "--store", "b"], in: dir).hasPrefix("origin\t"))

            // Different edits of one article on each side, and a new article on b.
            for folder in ["ea", "eb", "nb"] {
                try FileManager.default.createDirectory(
                    at: dir.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
            let file = try FileManager.default.contentsOfDirectory(atPath: input.path).sorted()[0]
            try Data("Edit on a\n\nFirst side's words.\n".utf8).write(to: dir.appendingPathComponent("ea/\(file)"))
            try Data("Edit on b\n\nSecond side's words.\n".utf8).write(to: dir.appendingPathComponent("eb/\(file)"))
            try Self.ok(["import", "--store", "a", "ea"], in: dir)
            try Self.ok(["import", "--store", "b", "eb"], in: dir)
            try Data("New on b\n\nOnly here.\n".utf8).write(to: dir.appendingPathComponent("nb/900_x.txt"))
            try Self.ok(["import", "--store", "b", "nb"], in: dir)

            let synced = try Self.ok(["sync", "--store", "b", "--json"], in: dir)
            #expect(synced.contains("\"sent\" : 4"))
            try Self.ok(["sync", "usb", "--store", "a"], in: dir)
            try Self.ok(["sync", "--store", "b"], in: dir)
            let conflicts = try Self.ok(["conflicts", "--store", "a"], in: dir)
            #expect(conflicts.contains("Edit on a") && conflicts.contains("Edit on b"))
            #expect(try Self.ok(["conflicts", "--store", "b"], in: dir) == conflicts)

            let key = String(conflicts.prefix { $0 != "\n" })
            try Self.ok(["resolve", key, "--store", "a"], in: dir)
            #expect(try Self.ok(["conflicts", "--store", "a"], in: dir).isEmpty)
            try Self.ok(["sync", "usb", "--store", "a"], in: dir)
            try Self.ok(["sync", "--store", "b"], in: dir)
            #expect(try Self.ok(["conflicts", "--store", "b"], in: dir).isEmpty)
            #expect(try Self.ok(["list", "--store", "a"], in: dir) == Self.ok(["list", "--store", "b"], in: dir))
            try Self.ok(["gc", "folder"], in: dir)
            try Self.ok(["verify", "--store", "a"], in: dir)
            try Self.ok(["verify", "--store", "b"], in: dir)
            #expect(try CLI.run(["pull", "nowhere", "--store", "a"], in: dir).status == 3)
        }
    }
}
