import Foundation
import NashStore
import Testing

/// libhdf5 is entered through one global lock; threads using the store at once must neither crash nor
/// see each other's data or error messages.
@Suite("Concurrency")
struct ConcurrencyTests {
    @Test("eight threads write, append, read and fail at the same time")
    func parallelUse() throws {
        let scratch = Scratch()
        let sharedPath = scratch.path("shared.h5")
        let shared = try H5File(path: sharedPath, mode: .create)
        try shared.write("values", (0..<1000).map(Double.init))
        try shared.close()

        final class Failures: @unchecked Sendable {
            private let lock = NSLock()
            private(set) var messages: [String] = []
            func add(_ message: String) { lock.lock(); messages.append(message); lock.unlock() }
        }
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            do {
                let path = scratch.path("worker-\(worker).h5")
                let file = try H5File(path: path, mode: .create)
                try file.setAttribute("worker", worker)
                let curve = try file.createExtendableDataset("curves/c", of: Int64.self)
                for index in 0..<2_000 { try curve.append(Int64(worker * 1_000_000 + index)) }
                try file.close()

                let reopened = try H5File(path: path)
                let values = try reopened.read("curves/c", as: Int64.self).values
                if values != (0..<2_000).map({ Int64(worker * 1_000_000 + $0) }) { failures.add("worker \(worker): values") }
                if try reopened.attribute("worker", as: Int.self) != worker { failures.add("worker \(worker): attribute") }
                if try H5File(path: sharedPath).read("values", as: Double.self).values.count != 1000 {
                    failures.add("worker \(worker): shared file")
                }
                do {
                    _ = try reopened.read("curves/missing-\(worker)", as: Int64.self)
                    failures.add("worker \(worker): no error")
                } catch let error as H5Error {
                    if error.description != "\(path): /curves/missing-\(worker): no such dataset" {
                        failures.add("worker \(worker): \(error)")
                    }
                }
            } catch {
                failures.add("worker \(worker): \(error)")
            }
        }
        #expect(failures.messages.isEmpty, "\(failures.messages)")
    }
}
