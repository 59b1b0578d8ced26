// Getting a new connection: resolve the host (off the loop for names), then a non-blocking connect.
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
            register(socket, interest: [.read])
            startWriting()
        case .success(false):
            register(socket, interest: [.write])
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
        guard let socket else { return }
        let code = socket.pendingError()
        guard code == 0 else {
            finish(.failure(.connectFailure(errno: code)))
            return
        }
        startWriting()
    }

    private static func address(of target: HTTPClientRequest.Target) -> Result<SocketAddress, HTTPClientError> {
        do throws(SocketError) {
            return .success(try SocketAddress.resolve(host: target.host, port: target.port, passive: false))
        } catch {
            return .failure(.cannotResolve(host: target.host))
        }
    }
}
