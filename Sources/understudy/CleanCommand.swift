// `understudy clean`: removes the tools an interrupted run left on a target, found by the run's name prefix.
import Conformance
import Foundation
import HTTPWire

enum CleanCommand {
    static let usage = """
    usage: understudy clean --target URL --api-key KEY --prefix PREFIX [options]

    Deletes every tool on the target whose name starts with PREFIX: what a run that was interrupted (Ctrl-C, a killed
    CI job) left behind. Every run prints its prefix (`us` and six hex digits, e.g. us3fa9c1_); a run that ends
    deletes its own tools itself.

    options:
      --target URL       the tool server's base URL (http:// or https://)
      --api-key KEY      its API key (or set UNDERSTUDY_API_KEY); never printed
      --prefix PREFIX    the name prefix to remove, at least \(ToolCleanup.minimumPrefixLength) characters
      --dialect NAME     feather (default) or oneinbox
      --ca-file FILE     trust the CA certificates in FILE (PEM) for an https target
      --dry-run          list what would be deleted, delete nothing

    exit status: 0 every matching tool was deleted (or listed, with --dry-run); 1 some could not be deleted;
    2 usage error, or the target could not be reached or listed.
    """

    static func run(_ arguments: [String]) throws -> Never {
        var reader = ArgumentReader(arguments)
        let target = try reader.nonEmptyValue("--target")
        let apiKeyFlag = try reader.value("--api-key")
        let prefix = try reader.nonEmptyValue("--prefix")
        let dialect = try RunCommand.dialect(reader.value("--dialect") ?? "feather")
        let caFile = try reader.nonEmptyValue("--ca-file")
        let dryRun = reader.flag("--dry-run")
        try reader.finish()
        guard let target else { throw UsageError(message: "--target URL is required") }
        guard target.hasPrefix("http://") || target.hasPrefix("https://") else {
            throw UsageError(message: "--target must be an http:// or https:// URL, got '\(target)'")
        }
        guard let prefix else { throw UsageError(message: "--prefix PREFIX is required (a run prints its own, e.g. us3fa9c1_)") }
        guard prefix.count >= ToolCleanup.minimumPrefixLength else {
            throw UsageError(message: "--prefix must have at least \(ToolCleanup.minimumPrefixLength) characters, got '\(prefix)'")
        }
        guard let apiKey = apiKeyFlag ?? ProcessInfo.processInfo.environment["UNDERSTUDY_API_KEY"], !apiKey.isEmpty else {
            throw UsageError(message: "--target needs --api-key KEY (or UNDERSTUDY_API_KEY)")
        }
        var configuration = RunConfiguration(target: target, apiKey: apiKey)
        configuration.dialect = dialect
        configuration.targetCAFile = caFile
        let settings = configuration
        let outcome = waitFor { () async -> Result<ToolCleanup.Outcome, RunSetupError> in
            do throws(RunSetupError) {
                return .success(try await ToolCleanup.run(prefix: prefix, configuration: settings, dryRun: dryRun))
            } catch {
                return .failure(error)
            }
        }
        switch outcome {
        case let .failure(error):
            let message = error.message.replacingOccurrences(of: apiKey, with: Redactor.mark)
            Terminal.error("understudy clean: \(message)\n")
            exit(2)
        case let .success(found):
            for tool in found.matching { print("\(tool.id)  \(tool.name)") }
            if dryRun {
                print("\(found.matching.count) tools named \(prefix)* on \(target); --dry-run: nothing deleted")
                exit(0)
            }
            for tool in found.failed { print("could not delete \(tool.id)  \(tool.name)") }
            print("deleted \(found.matching.count - found.failed.count) of \(found.matching.count) tools named \(prefix)* on \(target)")
            exit(found.failed.isEmpty ? 0 : 1)
        }
    }
}
