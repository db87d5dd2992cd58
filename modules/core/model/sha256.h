// SHA-256 digests (OpenSSL) for provenance and run identifiers.
#ifndef SAGIN_CORE_SHA256_H
#define SAGIN_CORE_SHA256_H

#include <string>

namespace sagin
{

/// Lower-case hexadecimal SHA-256 of a byte string.
std::string Sha256Hex(const std::string& bytes);

} // namespace sagin

#endif
