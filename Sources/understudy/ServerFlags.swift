// The HTTP server flags `mocks` and `serve` share: timeouts and size limits over HTTPServer.Configuration's defaults.
import HTTPWire

enum ServerFlags {
    /// Usage lines for the flags, aligned with the commands' own.
    static let usage = """
      --idle-timeout S       close a keep-alive connection idle for S seconds (default 60)
      --header-timeout S     answer 408 and close when a request head takes longer than S seconds (default 10)
      --max-connections N    open connections at most; beyond it 503 and close (default 10000)
      --max-body-bytes N     largest request body; beyond it 413 and close (default 8388608)
    """

    /// Reads the flags into `configuration`; an absent flag keeps its default.
    static func read(_ reader: inout ArgumentReader, into configuration: inout HTTPServer.Configuration) throws(UsageError) {
        if let idle = try reader.seconds("--idle-timeout", in: 0.05...86_400) { configuration.idleTimeout = idle }
        if let head = try reader.seconds("--header-timeout", in: 0.05...3_600) { configuration.headerReadTimeout = head }
        if let connections = try reader.integer("--max-connections", in: 1...1_000_000) {
            configuration.maxConnections = connections
        }
        if let bytes = try reader.integer("--max-body-bytes", in: 0...(1 << 32)) { configuration.limits.maxBodyBytes = bytes }
    }
}
