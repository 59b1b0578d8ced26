// Build-tool plugin: compiles a target's Resources/ files into it as Swift string literals, so that the `understudy`
// binary is self-contained (no resource bundle beside it) while the files stay the one source of truth.
import Foundation
import PackagePlugin

/// Runs `ResourceEmbedder` on the files directly in the target's `Resources/` folder and adds the generated
/// `EmbeddedResources` enum (`try EmbeddedResources.text(named: "contract.md")`) to the target's sources. The build
/// regenerates it whenever one of the files changes, so the embedded text cannot drift from the files.
@main
struct EmbedResources: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        // Files the target does not compile and does not declare as resources reach the plugin as `.unknown`.
        let inputs = target.sourceFiles
            .filter { $0.type == .unknown && $0.url.deletingLastPathComponent().lastPathComponent == "Resources" }
            .map(\.url)
            .sorted { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("\(target.name)+EmbeddedResources.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) resource file(s) in \(target.name)",
                executable: try context.tool(named: "ResourceEmbedder").url,
                arguments: [output.path, target.name] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            ),
        ]
    }
}
