// Getting a new connection: resolve the host (off the loop for names), a non-blocking connect, the TLS handshake.
import Dispatch

extension ClientConnection {
    /// Resolves the target's host. IP literals resolve at once on the loop; names go through `getaddrinfo`,
    /// which blocks, so on a background queue; the deadline keeps running meanwhile.
    func resolve() {
        phase = .resolving
        let target = request.target
        guard !target.isNumericHost else {
            connect(to: Self.address(of: target))
            return
        }
        DispatchQueue.global().async { [self] in
            let address = Self.address(of: target)
            _ = client.runOnLoop(loop) { [self] in
                if phase == .resolving { connect(to: address) }
            }
        }
    }

    /// Opens a socket and starts connecting it to `address`.
    func connect(to address: Result<SocketAddress, HTTPClientError>) {
        let target: SocketAddress
        switch address {
        case let .failure(error): finish(.failure(error)); return
        case let .success(resolved): target = resolved
        }
        phase = .connecting
        let socket: Socket
        do throws(SocketError) {
            socket = try Socket.open(family: target.family)
        } catch {
            finish(.failure(HTTPClientError(error)))
            return
        }
        socket.setNoDelay()
        switch socket.connect(to: target) {
        case .success(true):
            register(Transport(socket), interest: [.read])
            connected()
        case .success(false):
            register(Transport(socket), interest: [.write])
        case let .failure(.system(_, code)):
            socket.close()
            finish(.failure(.connectFailure(errno: code)))
        case let .failure(error):
            socket.close()
            finish(.failure(HTTPClientError(error)))
        }
    }

    /// The socket became writable or failed while connecting: SO_ERROR says which.
    func connectAttemptEnded() {
        guard let transport else { return }
        let code = transport.socket.pendingError()
        guard code == 0 else {
            finish(.failure(.connectFailure(errno: code)))
            return
        }
        connected()
    }

    /// TCP is up: write the request, or for https first shake hands.
    private func connected() {
        guard request.target.isSecure else { return startWriting() }
        guard let socket = transport?.socket else { return }
        guard let tls = client.tls, let session = TLSSession.client(tls, socket: socket, host: request.target.host,
                                                                    isIP: request.target.isNumericHost) else {
            return finish(.failure(.tlsHandshakeFailed("cannot start a TLS session for '\(request.target.host)'")))
        }
        transport = Transport(socket, tls: session)
        phase = .handshaking
        continueHandshake()
    }

    /// Advances the TLS handshake; once done, writes the request. A certificate that does not verify ends the request.
    func continueHandshake() {
        guard let tls = transport?.tls else { return }
        switch tls.handshake() {
        case .done: startWriting()
        case .wouldBlock: setInterest(tls.want == .read ? [.read] : [.write])
        case let .failed(failure): finish(.failure(HTTPClientError(failure)))
        }
    }

    private static func address(of target: HTTPClientRequest.Target) -> Result<SocketAddress, HTTPClientError> {
        do throws(SocketError) {
            return .success(try SocketAddress.resolve(host: target.host, port: target.port, passive: false))
        } catch {
            return .failure(.cannotResolve(host: target.host))
        }
    }
}
