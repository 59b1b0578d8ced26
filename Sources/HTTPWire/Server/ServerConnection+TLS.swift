// The TLS handshake of a server connection: before it, nothing HTTP is read or written; a failure closes, counted.

extension ServerConnection {
    /// Advances the handshake on a readiness event; once done, serves the connection like a plain one.
    func continueHandshake() {
        guard let tls = transport.tls else { return }
        if machine.awaitsFirstByte, let first = socket.peekFirstByte(), machine.firstByte(first) == .refusePlainHTTP {
            return refusePlainHTTP()
        }
        tlsHandshakeStep(tls.handshake())
    }

    private func tlsHandshakeStep(_ step: TLSSession.HandshakeStep) {
        switch step {
        case .done:
            let now = MonotonicClock.now()
            perform(machine.handshakeFinished(now: now), now: now)
            readAvailable()  // the first request may already sit inside OpenSSL, read with the handshake's last record
        case .wouldBlock:
            updateInterest()
        case .failed:
            handshakeFailed()
        }
    }

    /// A handshake that failed, broke off or ran out of time: counted, then closed without a word.
    func handshakeFailed() {
        context.shared.tlsHandshakeFailures.add(1, ordering: .relaxed)
        close()
    }

    /// Plain HTTP sent to a TLS port: answered in plain text, as nginx does, so a person sees why instead of a reset.
    func refusePlainHTTP() {
        context.shared.tlsHandshakeFailures.add(1, ordering: .relaxed)
        transport = Transport(socket)
        fail(HTTPParseError(400, "this port speaks HTTPS (TLS); use an https:// URL"))
    }
}
