// Where a call_transfer tool sends the call: a fixed destination or one looked up by another tool.
import JSONModel

/// How the call is handed over (Feather's `TransferTargetInput.mode`; default cold).
public enum TransferMode: String, Sendable, CaseIterable {
    /// The agent leaves as the call is connected.
    case cold
    /// The agent introduces the caller first.
    case warm
}

/// A destination resolved at transfer time by calling an api_call tool (Feather's `DestinationSourceConfig`).
public struct DestinationSource: Sendable, Equatable {
    /// The api_call tool to invoke.
    public var toolID: String
    /// Input passed to that tool; values are scalars and may hold `{{placeholders}}`.
    public var inputMapping: JSONObject
    /// Dot path in the tool's response that holds the destination.
    public var responsePath: String

    /// Creates a destination source.
    public init(toolID: String, inputMapping: JSONObject = [:], responsePath: String) {
        self.toolID = toolID
        self.inputMapping = inputMapping
        self.responsePath = responsePath
    }
}

/// The target of a call_transfer tool: exactly one of a static destination or a destination source.
public struct TransferTarget: Sendable, Equatable {
    /// Either a fixed destination (E.164 or sip:/sips: URI, already validated) or a dynamic lookup.
    public enum Route: Sendable, Equatable {
        case destination(String)
        case source(DestinationSource)
    }

    /// Where the call goes.
    public var route: Route
    /// Cold or warm transfer.
    public var mode: TransferMode

    /// Creates a target; mode defaults to cold.
    public init(route: Route, mode: TransferMode = .cold) {
        self.route = route
        self.mode = mode
    }
}
