#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace zanryo {

/// SHA-256 (FIPS 180-4). Used to name per-SIM objects and state files without putting
/// the ICCID or IMSI, which are personal data, into paths.
std::array<std::uint8_t, 32> sha256(std::string_view data);
/// Lower-case hex of the digest.
std::string sha256Hex(std::string_view data);
/// HMAC-SHA-256 (RFC 2104 with SHA-256, test vectors of RFC 4231), lower-case hex.
std::string hmacSha256Hex(std::string_view key, std::string_view data);

} /* namespace zanryo */
