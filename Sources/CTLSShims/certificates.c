// Certificates for HTTPWire's TLS (see CTLSShims.h): a private CA and the server certificates it issues, made with
// OpenSSL's library (never its command line), written atomically with private keys 0600 from the first byte.
#define _GNU_SOURCE
#include "CTLSShims.h"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

/// Seconds a new certificate's validity starts before now, so peers whose clocks run a little behind accept it.
static const long clock_skew_allowance = 3600;
/// Longest common name X.509 allows (ub-common-name); a longer first DNS name leaves the leaf with a generic one.
static const size_t common_name_limit = 64;

// Fills `error` with "what: reason", the reason being `code`'s errno text when not 0, else OpenSSL's latest queued
// error; clears OpenSSL's queue so the next call starts clean. Returns -1 for `return fail(...)`.
static int fail(char *error, size_t length, int code, const char *format, ...) {
    char what[1024];
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(what, sizeof what, format, arguments);
    va_end(arguments);
    char reason[256] = "";
    unsigned long queued = ERR_peek_last_error();
    if (code != 0) {
        snprintf(reason, sizeof reason, "%s", strerror(code));
    } else if (queued != 0) {
        ERR_error_string_n(queued, reason, sizeof reason);
    }
    ERR_clear_error();
    if (error != NULL && length > 0) {
        if (reason[0] != '\0') snprintf(error, length, "%s: %s", what, reason);
        else snprintf(error, length, "%s", what);
    }
    return -1;
}

// Refuses encrypted keys instead of letting OpenSSL prompt for a password on the terminal.
static int no_password(char *buffer, int size, int writing, void *context) {
    (void)buffer; (void)size; (void)writing; (void)context;
    return -1;
}

static X509 *read_certificate(const char *path, char *error, size_t length) {
    FILE *file = fopen(path, "re");
    if (file == NULL) {
        fail(error, length, errno, "cannot open %s", path);
        return NULL;
    }
    X509 *certificate = PEM_read_X509(file, NULL, no_password, NULL);
    fclose(file);
    if (certificate == NULL) fail(error, length, 0, "%s holds no PEM certificate", path);
    return certificate;
}

static EVP_PKEY *read_private_key(const char *path, char *error, size_t length) {
    FILE *file = fopen(path, "re");
    if (file == NULL) {
        fail(error, length, errno, "cannot open %s", path);
        return NULL;
    }
    EVP_PKEY *key = PEM_read_PrivateKey(file, NULL, no_password, NULL);
    fclose(file);
    if (key == NULL) fail(error, length, 0, "%s holds no unencrypted PEM private key", path);
    return key;
}

// What one PEM file holds: a private key, or certificates in order (a chain).
typedef struct {
    EVP_PKEY *key;
    X509 *certificates[2];
    int certificateCount;
} pem_content;

static int write_pem(FILE *file, const pem_content *content) {
    if (content->key != NULL) return PEM_write_PrivateKey(file, content->key, NULL, NULL, 0, NULL, NULL) == 1;
    for (int index = 0; index < content->certificateCount; index++) {
        if (PEM_write_X509(file, content->certificates[index]) != 1) return 0;
    }
    return 1;
}

// Writes `content` to `path` with exactly `mode`: first into a mkstemp file beside it (created 0600, so a key is never
// readable by others, not even for a moment, and no symbolic link is followed), then linked into place when
// `exclusive` (failing if `path` exists, so a CA is never replaced) or renamed over `path` otherwise (so a reader sees
// the old file or the new one, never half of one).
static int write_file(const char *path, mode_t mode, int exclusive, const pem_content *content,
                      char *error, size_t length) {
    char temporary[PATH_MAX];
    if (snprintf(temporary, sizeof temporary, "%s.XXXXXX", path) >= (int)sizeof temporary) {
        return fail(error, length, ENAMETOOLONG, "cannot write %s", path);
    }
    int descriptor = mkostemp(temporary, O_CLOEXEC);
    if (descriptor < 0) return fail(error, length, errno, "cannot create a temporary file beside %s", path);
    FILE *file = NULL;
    const char *step = NULL;
    int code = 0;
    if (fchmod(descriptor, mode) != 0) {
        step = "cannot set the mode of";
        code = errno;
    } else if ((file = fdopen(descriptor, "w")) == NULL) {
        step = "cannot open";
        code = errno;
    } else if (!write_pem(file, content)) {
        step = "cannot encode PEM for";
    } else if (fflush(file) != 0 || fsync(fileno(file)) != 0) {
        step = "cannot write";
        code = errno;
    }
    if (file != NULL) {
        if (fclose(file) != 0 && step == NULL) {
            step = "cannot write";
            code = errno;
        }
    } else {
        close(descriptor);
    }
    if (step == NULL && (exclusive ? link(temporary, path) : rename(temporary, path)) != 0) {
        step = exclusive ? "cannot create" : "cannot replace";
        code = errno;
    }
    if (step == NULL && !exclusive) return 0;
    unlink(temporary);
    return step == NULL ? 0 : fail(error, length, code, "%s %s", step, path);
}

static int add_extension(X509 *certificate, X509V3_CTX *context, int nid, const char *value) {
    X509_EXTENSION *extension = X509V3_EXT_nconf_nid(NULL, context, nid, value);
    if (extension == NULL) return 0;
    int added = X509_add_ext(certificate, extension, -1);
    X509_EXTENSION_free(extension);
    return added == 1;
}

static const EVP_MD *digest_for(EVP_PKEY *signer) {
    // EdDSA hashes internally and takes no digest; every other key signs SHA-256.
    if (EVP_PKEY_is_a(signer, "ED25519") || EVP_PKEY_is_a(signer, "ED448")) return NULL;
    return EVP_sha256();
}

// A version 3 certificate for `key`: a random positive 127-bit serial (16 octets), subject CN=`commonName`, valid from
// now + `notBefore` to now + `notAfter` seconds. Issuer, extensions and signature are the caller's. NULL on failure.
static X509 *new_certificate(EVP_PKEY *key, const char *commonName, long notBefore, long notAfter) {
    X509 *certificate = X509_new();
    BIGNUM *serial = BN_new();
    int built = certificate != NULL && serial != NULL
        && X509_set_version(certificate, X509_VERSION_3)
        && BN_rand(serial, 127, BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ANY)
        && BN_to_ASN1_INTEGER(serial, X509_get_serialNumber(certificate)) != NULL
        && X509_gmtime_adj(X509_getm_notBefore(certificate), notBefore) != NULL
        && X509_gmtime_adj(X509_getm_notAfter(certificate), notAfter) != NULL
        && X509_set_pubkey(certificate, key)
        && X509_NAME_add_entry_by_txt(X509_get_subject_name(certificate), "CN", MBSTRING_UTF8,
                                      (const unsigned char *)commonName, -1, -1, 0);
    BN_free(serial);
    if (built) return certificate;
    X509_free(certificate);
    return NULL;
}

int ctls_make_ca(const char *commonName, int validDays, const char *certPath, const char *keyPath,
                 char *error, size_t errorLength) {
    ERR_clear_error();
    if (validDays <= 0) return fail(error, errorLength, 0, "a CA must be valid for at least one day, got %d", validDays);
    EVP_PKEY *key = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
    if (key == NULL) return fail(error, errorLength, 0, "cannot generate a P-256 key for %s", keyPath);
    int result = -1;
    X509 *certificate = new_certificate(key, commonName, -clock_skew_allowance, (long)validDays * 86400L);
    X509V3_CTX context;
    if (certificate == NULL || !X509_set_issuer_name(certificate, X509_get_subject_name(certificate))) {
        fail(error, errorLength, 0, "cannot build the CA certificate for %s", certPath);
        goto done;
    }
    X509V3_set_ctx(&context, certificate, certificate, NULL, NULL, 0);
    if (!add_extension(certificate, &context, NID_basic_constraints, "critical,CA:TRUE,pathlen:0")
        || !add_extension(certificate, &context, NID_key_usage, "critical,keyCertSign,cRLSign")
        || !add_extension(certificate, &context, NID_subject_key_identifier, "hash")) {
        fail(error, errorLength, 0, "cannot add the CA extensions for %s", certPath);
        goto done;
    }
    if (X509_sign(certificate, key, digest_for(key)) <= 0) {
        fail(error, errorLength, 0, "cannot sign the CA certificate for %s", certPath);
        goto done;
    }
    pem_content keyContent = {key, {NULL, NULL}, 0};
    pem_content certificateContent = {NULL, {certificate, NULL}, 1};
    if (write_file(keyPath, 0600, 1, &keyContent, error, errorLength) != 0) goto done;
    if (write_file(certPath, 0644, 1, &certificateContent, error, errorLength) != 0) {
        unlink(keyPath);  // created by us a moment ago: half a CA would be refused on the next run
        goto done;
    }
    result = 0;
done:
    X509_free(certificate);
    EVP_PKEY_free(key);
    return result;
}

ctls_ca_status ctls_check_ca(const char *certPath, const char *keyPath, char *error, size_t errorLength) {
    ERR_clear_error();
    X509 *certificate = read_certificate(certPath, error, errorLength);
    if (certificate == NULL) return CTLS_CA_UNREADABLE_CERTIFICATE;
    ctls_ca_status status = CTLS_CA_USABLE;
    EVP_PKEY *key = read_private_key(keyPath, error, errorLength);
    if (key == NULL) {
        status = CTLS_CA_UNREADABLE_KEY;
    } else if (X509_check_private_key(certificate, key) != 1) {
        status = CTLS_CA_KEY_MISMATCH;
        fail(error, errorLength, 0, "the private key in %s is not the key of the certificate in %s", keyPath, certPath);
    } else if (X509_check_ca(certificate) != 1) {
        // 1 is a CA by basicConstraints (with keyCertSign when keyUsage is present); the other values are legacy forms.
        status = CTLS_CA_NOT_A_CA;
        fail(error, errorLength, 0, "%s is not a CA certificate (basicConstraints CA:TRUE and keyCertSign)", certPath);
    } else if (X509_cmp_current_time(X509_get0_notAfter(certificate)) <= 0) {
        status = CTLS_CA_EXPIRED;
        fail(error, errorLength, 0, "the CA certificate in %s has expired", certPath);
    }
    EVP_PKEY_free(key);
    X509_free(certificate);
    return status;
}

// Adds subjectAltName: every DNS name, then every IP address (a2i_GENERAL_NAME refuses malformed addresses).
static int add_alternative_names(X509 *certificate, const char *const *dnsNames, size_t dnsCount,
                                 const char *const *ipAddresses, size_t ipCount, char *error, size_t length) {
    GENERAL_NAMES *names = sk_GENERAL_NAME_new_null();
    if (names == NULL) return fail(error, length, 0, "cannot allocate the subjectAltName");
    int result = 0;
    for (size_t index = 0; index < dnsCount + ipCount && result == 0; index++) {
        int isDNS = index < dnsCount;
        const char *value = isDNS ? dnsNames[index] : ipAddresses[index - dnsCount];
        GENERAL_NAME *name = a2i_GENERAL_NAME(NULL, NULL, NULL, isDNS ? GEN_DNS : GEN_IPADD, value, 0);
        if (name == NULL || sk_GENERAL_NAME_push(names, name) <= 0) {
            GENERAL_NAME_free(name);
            result = fail(error, length, 0, "cannot put %s '%s' in the subjectAltName", isDNS ? "DNS name" : "IP address",
                          value != NULL ? value : "(null)");
        }
    }
    if (result == 0 && X509_add1_ext_i2d(certificate, NID_subject_alt_name, names, 0, X509V3_ADD_DEFAULT) != 1) {
        result = fail(error, length, 0, "cannot add the subjectAltName");
    }
    GENERAL_NAMES_free(names);
    return result;
}

int ctls_issue_leaf(const char *caCertPath, const char *caKeyPath,
                    const char *const *dnsNames, size_t dnsCount, const char *const *ipAddresses, size_t ipCount,
                    long notBeforeOffsetSeconds, long notAfterOffsetSeconds,
                    const char *certPath, const char *keyPath, char *error, size_t errorLength) {
    ERR_clear_error();
    if (dnsCount + ipCount == 0) return fail(error, errorLength, 0, "a server certificate needs at least one name");
    if (notAfterOffsetSeconds <= notBeforeOffsetSeconds) {
        return fail(error, errorLength, 0, "the certificate's validity must end after it starts");
    }
    int result = -1;
    X509 *leaf = NULL;
    EVP_PKEY *key = NULL;
    EVP_PKEY *caKey = NULL;
    X509 *caCertificate = read_certificate(caCertPath, error, errorLength);
    if (caCertificate == NULL || (caKey = read_private_key(caKeyPath, error, errorLength)) == NULL) goto done;
    if (X509_check_private_key(caCertificate, caKey) != 1) {
        fail(error, errorLength, 0, "the private key in %s is not the key of the certificate in %s", caKeyPath, caCertPath);
        goto done;
    }
    if ((key = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256")) == NULL) {
        fail(error, errorLength, 0, "cannot generate a P-256 key for %s", keyPath);
        goto done;
    }
    const char *commonName = dnsCount > 0 ? dnsNames[0] : ipAddresses[0];
    if (commonName == NULL || strlen(commonName) > common_name_limit) commonName = "Understudy server";
    leaf = new_certificate(key, commonName, notBeforeOffsetSeconds, notAfterOffsetSeconds);
    if (leaf == NULL || !X509_set_issuer_name(leaf, X509_get_subject_name(caCertificate))) {
        fail(error, errorLength, 0, "cannot build the server certificate for %s", certPath);
        goto done;
    }
    // A leaf outliving its CA would fail verification anyway: end it with the CA.
    if (ASN1_TIME_compare(X509_get0_notAfter(leaf), X509_get0_notAfter(caCertificate)) > 0
        && !X509_set1_notAfter(leaf, X509_get0_notAfter(caCertificate))) {
        fail(error, errorLength, 0, "cannot set the end of validity for %s", certPath);
        goto done;
    }
    X509V3_CTX context;
    X509V3_set_ctx(&context, caCertificate, leaf, NULL, NULL, 0);
    if (!add_extension(leaf, &context, NID_basic_constraints, "critical,CA:FALSE")
        || !add_extension(leaf, &context, NID_key_usage, "critical,digitalSignature")
        || !add_extension(leaf, &context, NID_ext_key_usage, "serverAuth")
        || !add_extension(leaf, &context, NID_subject_key_identifier, "hash")
        || !add_extension(leaf, &context, NID_authority_key_identifier, "keyid:always")) {
        fail(error, errorLength, 0, "cannot add the server certificate extensions for %s", certPath);
        goto done;
    }
    if (add_alternative_names(leaf, dnsNames, dnsCount, ipAddresses, ipCount, error, errorLength) != 0) goto done;
    if (X509_sign(leaf, caKey, digest_for(caKey)) <= 0) {
        fail(error, errorLength, 0, "cannot sign the server certificate for %s with %s", certPath, caKeyPath);
        goto done;
    }
    pem_content keyContent = {key, {NULL, NULL}, 0};
    pem_content chainContent = {NULL, {leaf, caCertificate}, 2};
    if (write_file(keyPath, 0600, 0, &keyContent, error, errorLength) != 0) goto done;
    if (write_file(certPath, 0644, 0, &chainContent, error, errorLength) != 0) goto done;
    result = 0;
done:
    X509_free(leaf);
    EVP_PKEY_free(key);
    EVP_PKEY_free(caKey);
    X509_free(caCertificate);
    return result;
}
