// Shared by every fuzz target (fuzz.sh links Tests/Fuzz/Support into each).

/// Traps with `message` when `condition` is false: a broken property is a failure libFuzzer records, like a crash.
/// Unlike `precondition`, the message survives -O builds.
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}
