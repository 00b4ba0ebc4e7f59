import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive advisory lock on `opening.lock` in a store directory, held
/// while a process opens and migrates the store.
struct OpeningLock {
    private let fd: Int32

    /// Waits until no other process holds the lock, then takes it.
    init(directory: URL) throws {
        let path = directory.appendingPathComponent("opening.lock").path
        fd = open(path, O_RDWR | O_CREAT, 0o644)
        guard fd >= 0 else {
            throw StoreError(.io, "cannot open the lock file: \(String(cString: strerror(errno)))", subject: path)
        }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(fd)
                throw StoreError(.io, "cannot lock the store for opening: \(reason)", subject: path)
            }
        }
    }

    func release() {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
