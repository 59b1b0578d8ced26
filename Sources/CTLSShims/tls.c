// Contexts and sessions for HTTPWire's TLS (see CTLSShims.h): the policy (versions, ciphers, ALPN, verification)
// lives here, in one place; Swift drives the sessions.
#include "CTLSShims.h"
#include <stdio.h>
#include <string.h>

static const unsigned char alpnHTTP11[] = {8, 'h', 't', 't', 'p', '/', '1', '.', '1'};

/// TLS 1.2 ciphers: forward secrecy and AEAD only (TLS 1.3's suites are all of that kind already).
static const char *tls12Ciphers = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                                  "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                                  "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

void ctls_take_error(char *buffer, size_t length) {
    if (length == 0) return;
    buffer[0] = 0;
    unsigned long code = ERR_get_error();
    if (code != 0) ERR_error_string_n(code, buffer, length);
    ERR_clear_error();
}

static void fail(char *error, size_t errorLength, const char *what, const char *file) {
    char reason[256];
    ctls_take_error(reason, sizeof reason);
    if (file) {
        snprintf(error, errorLength, "%s '%s': %s", what, file, reason[0] ? reason : "unknown OpenSSL error");
    } else {
        snprintf(error, errorLength, "%s: %s", what, reason[0] ? reason : "unknown OpenSSL error");
    }
}

/// Settings both sides share: versions, ciphers, partial writes from a buffer that may move, read-ahead.
static int configure_common(SSL_CTX *context) {
    if (SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION) != 1) return 0;
    if (SSL_CTX_set_cipher_list(context, tls12Ciphers) != 1) return 0;
    SSL_CTX_set_options(context, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_IGNORE_UNEXPECTED_EOF);
    SSL_CTX_set_mode(context, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    SSL_CTX_set_read_ahead(context, 1);
    return 1;
}

/// Picks http/1.1 when the client offers it; otherwise goes on without ALPN (the client decides whether to stay).
static int select_alpn(SSL *session, const unsigned char **out, unsigned char *outLength, const unsigned char *offered,
                       unsigned int offeredLength, void *argument) {
    (void)session;
    (void)argument;
    unsigned char *chosen = NULL;
    if (SSL_select_next_proto(&chosen, outLength, alpnHTTP11, sizeof alpnHTTP11, offered, offeredLength) ==
        OPENSSL_NPN_NEGOTIATED) {
        *out = chosen;
        return SSL_TLSEXT_ERR_OK;
    }
    return SSL_TLSEXT_ERR_NOACK;
}

SSL_CTX *ctls_server_context(const char *chainFile, const char *keyFile, char *error, size_t errorLength) {
    ERR_clear_error();
    SSL_CTX *context = SSL_CTX_new(TLS_server_method());
    if (!context) { fail(error, errorLength, "cannot create a TLS server context", NULL); return NULL; }
    if (!configure_common(context)) {
        fail(error, errorLength, "cannot configure TLS versions and ciphers", NULL);
    } else if (SSL_CTX_use_certificate_chain_file(context, chainFile) != 1) {
        fail(error, errorLength, "cannot load the certificate chain (PEM) from", chainFile);
    } else if (SSL_CTX_use_PrivateKey_file(context, keyFile, SSL_FILETYPE_PEM) != 1) {
        fail(error, errorLength, "cannot load the private key (PEM) from", keyFile);
    } else if (SSL_CTX_check_private_key(context) != 1) {
        fail(error, errorLength, "the private key does not belong to the certificate in", chainFile);
    } else {
        SSL_CTX_set_options(context, SSL_OP_CIPHER_SERVER_PREFERENCE);
        SSL_CTX_set_alpn_select_cb(context, select_alpn, NULL);
        return context;
    }
    SSL_CTX_free(context);
    return NULL;
}

SSL_CTX *ctls_client_context(const char *caFile, char *error, size_t errorLength) {
    ERR_clear_error();
    SSL_CTX *context = SSL_CTX_new(TLS_client_method());
    if (!context) { fail(error, errorLength, "cannot create a TLS client context", NULL); return NULL; }
    SSL_CTX_set_verify(context, SSL_VERIFY_PEER, NULL);
    if (!configure_common(context)) {
        fail(error, errorLength, "cannot configure TLS versions and ciphers", NULL);
    } else if (SSL_CTX_set_default_verify_paths(context) != 1) {
        fail(error, errorLength, "cannot use the system trust store", NULL);
    } else if (caFile && SSL_CTX_load_verify_locations(context, caFile, NULL) != 1) {
        fail(error, errorLength, "cannot load trusted CA certificates (PEM) from", caFile);
    } else if (SSL_CTX_set_alpn_protos(context, alpnHTTP11, sizeof alpnHTTP11) != 0) {
        fail(error, errorLength, "cannot set ALPN", NULL);
    } else {
        ERR_clear_error();  // a missing system bundle leaves a queued error that must not show up later
        return context;
    }
    SSL_CTX_free(context);
    return NULL;
}

SSL *ctls_server_session(SSL_CTX *context, int fd) {
    SSL *session = SSL_new(context);
    if (!session) return NULL;
    if (SSL_set_fd(session, fd) != 1) { SSL_free(session); return NULL; }
    SSL_set_accept_state(session);
    return session;
}

SSL *ctls_client_session(SSL_CTX *context, int fd, const char *host, int hostIsIP) {
    SSL *session = SSL_new(context);
    if (!session) return NULL;
    int ok = SSL_set_fd(session, fd) == 1;
    if (ok && hostIsIP) {
        ok = X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(session), host) == 1;
    } else if (ok) {
        SSL_set_hostflags(session, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
        ok = SSL_set1_host(session, host) == 1 && SSL_set_tlsext_host_name(session, host) == 1;
    }
    if (!ok) { SSL_free(session); ERR_clear_error(); return NULL; }
    SSL_set_connect_state(session);
    return session;
}

void ctls_alpn(const SSL *session, char *buffer, size_t length) {
    const unsigned char *protocol = NULL;
    unsigned int protocolLength = 0;
    SSL_get0_alpn_selected(session, &protocol, &protocolLength);
    if (length == 0) return;
    size_t count = protocolLength < length - 1 ? protocolLength : length - 1;
    if (count) memcpy(buffer, protocol, count);
    buffer[count] = 0;
}
