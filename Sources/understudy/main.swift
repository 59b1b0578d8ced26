// The understudy command line: `run` certifies a tool server; more commands arrive with the suite.
import Foundation

let usage = """
usage: understudy <command> [options]

commands:
  run       run the conformance suite (not yet: the suite arrives in a later release)
  help      show this message
"""

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "run":
    print("understudy run: not yet — the conformance suite is not built yet; the HTTP engine is (see README.md).")
case "help", "--help", "-h":
    print(usage)
case nil:
    FileHandle.standardError.write(Data((usage + "\n").utf8))
    exit(2)
case let command?:
    FileHandle.standardError.write(Data("understudy: unknown command '\(command)'\n\n\(usage)\n".utf8))
    exit(2)
}
