// Sending the request (one send where the socket takes it all) and reading the response in 16 KiB chunks.

extension ClientConnection {
    /// Begins sending the request on a connected socket.
    func startWriting() {
        phase = .writing
        writePending()
    }

    /// Sends what is left of the request; waits for write readiness when the socket's buffer is full.
    func writePending() {
        guard let transport else { return }
        while sentCount < request.bytes.count {
            let outcome = request.bytes.withUnsafeBytes { transport.send(UnsafeRawBufferPointer(rebasing: $0[sentCount...])) }
            switch outcome {
            case let .bytes(count):
                sentCount += count
            case .wouldBlock:
                setInterest(transport.tls?.want == .read ? [.read] : [.read, .write])
                return
            case .closed, .reset:
                finish(.failure(.connectionReset))
                return
            case let .failed(code):
                finish(.failure(.system(call: "send", errno: code)))
                return
            }
        }
        phase = .reading
        setInterest([.read])
    }

    /// Reads what has arrived and feeds it to the response reader, finishing when the response is complete or broken.
    func readAvailable() {
        guard let transport else { return }
        for _ in 0..<Self.maxReadsPerEvent {
            let step: ResponseReader.Step
            switch readChunk.withUnsafeMutableBytes({ transport.receive(into: $0) }) {
            case let .bytes(count):
                step = readChunk.withUnsafeBytes { reader.consume(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            case .wouldBlock:
                return
            case .closed:
                step = reader.endOfStream()
            case .reset:
                step = .failed(.connectionReset)
            case let .failed(code):
                step = .failed(.system(call: "recv", errno: code))
            }
            switch step {
            case .needMore:
                continue
            case let .complete(response, serverAllowsReuse):
                let reusable = ConnectionReuse.allowed(serverAllowsReuse: serverAllowsReuse, requestFullySent: phase == .reading,
                                                       requestAsksToClose: request.asksToClose)
                finish(.success(response), reusable: reusable)
                return
            case let .failed(error):
                finish(.failure(error))
                return
            }
        }
        // Out of turns with decrypted bytes still inside OpenSSL: no readiness event will announce them.
        if transport.hasBufferedInput { loop.execute { [self] in if phase == .reading || phase == .writing { readAvailable() } } }
    }
}
