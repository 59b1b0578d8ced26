// The understudy command line: mock systems, the reference tool server, the conformance suite and its reports.
import Foundation
import ToolContract

let usage = """
usage: understudy <command> [options]

commands:
  mocks     run mock downstream systems (CRM, ticketing, webhook, OAuth issuer)
  serve     run the reference tool server (feather or oneinbox dialect)
  contract  print the tool-server contract the suite certifies against (Markdown);
            `contract --openapi feather|oneinbox` prints a dialect's OpenAPI 3.1 file
  run       run the conformance suite against a tool server (default: the in-process reference server)
  clean     delete the tools an interrupted run left on a target (by the run's name prefix)
  cases     list the conformance cases without running anything
  report    re-render reports from a run's JSON report
  help      show this message; `understudy help COMMAND` for a command's options
"""

/// Each command's own usage, for `help COMMAND`.
let commandUsage = ["mocks": MocksCommand.usage, "serve": ServeCommand.usage, "run": RunCommand.usage,
                    "cases": CasesCommand.usage, "report": ReportCommand.usage, "clean": CleanCommand.usage]

/// Prints `message` to stderr as one line pointing at the help for `command` (nil: the command list), exits 2.
func usageFailure(_ message: String, command: String?) -> Never {
    let help = command.map { commandUsage[$0] == nil ? "understudy help" : "understudy help \($0)" } ?? "understudy help"
    Terminal.error("understudy: \(message) (see '\(help)')\n")
    exit(2)
}

let arguments = Array(CommandLine.arguments.dropFirst())
let rest = Array(arguments.dropFirst())
do {
    switch arguments.first {
    case "mocks":
        if rest.contains("--help") || rest.contains("-h") { print(MocksCommand.usage) } else { try MocksCommand.run(rest) }
    case "serve":
        if rest.contains("--help") || rest.contains("-h") { print(ServeCommand.usage) } else { try ServeCommand.run(rest) }
    case "contract":
        let dialects = ToolContract.openAPIDialects
        if rest.isEmpty {
            print(try ToolContract.document(), terminator: "")
        } else if rest.first == "--openapi" {
            guard rest.count == 2, dialects.contains(rest[1]) else {
                throw UsageError(message: "contract --openapi takes one of: \(dialects.joined(separator: ", "))")
            }
            print(try ToolContract.openAPI(dialect: rest[1]), terminator: "")
        } else {
            throw UsageError(message: "contract takes no arguments, or --openapi \(dialects.joined(separator: "|"))")
        }
    case "run":
        if rest.contains("--help") || rest.contains("-h") { print(RunCommand.usage) } else { try RunCommand.run(rest) }
    case "clean":
        if rest.contains("--help") || rest.contains("-h") { print(CleanCommand.usage) } else { try CleanCommand.run(rest) }
    case "cases":
        if rest.contains("--help") || rest.contains("-h") { print(CasesCommand.usage) } else { try CasesCommand.run(rest) }
    case "report":
        if rest.contains("--help") || rest.contains("-h") { print(ReportCommand.usage) } else { try ReportCommand.run(rest) }
    case "help", "--help", "-h":
        print(commandUsage[rest.first ?? ""] ?? usage)
    case nil:
        usageFailure("a command is required", command: nil)
    case let command?:
        usageFailure("unknown command '\(command)'", command: nil)
    }
} catch let error as UsageError {
    usageFailure(error.message, command: arguments.first)
} catch {
    Terminal.error("understudy: \(error)\n")
    exit(2)
}
