#pragma once

// Elementary files of the SIM/USIM read as raw bytes (QMI UIM Read Transparent, AT+CRSM):
// EF_ICCID (TS 102 221 §13.2), EF_IMSI (TS 31.102 §4.2.2), EF_SPN (TS 31.102 §4.2.12).
// Pure functions over bytes.

#include <cstdint>
#include <span>
#include <string>

#include "libmodem/codec/result.hpp"

namespace zanryo {

/// \brief EF_ICCID: 10 bytes of BCD with the digits of each byte swapped, 'F' padding.
/// \return the ICCID digits ("8981100012345678901"); InvalidValue for a nibble that is
/// not a digit before the padding, InvalidLength for an empty file.
Result<std::string> decodeEfIccid(std::span<const std::uint8_t> bytes);

/// \brief EF_IMSI: a length byte (of the BCD that follows), then the digits swapped per
/// byte, the first low nibble being the parity/type (9 for an IMSI, odd or even).
/// \return the IMSI digits ("440100123456789").
Result<std::string> decodeEfImsi(std::span<const std::uint8_t> bytes);

/// \brief EF_SPN: byte 1 the display condition, bytes 2..17 the service provider name in
/// the SMS default alphabet, unpacked, 0xFF padding (TS 31.102 §4.2.12), or in one of
/// the UCS-2 forms 0x80 / 0x81 / 0x82 of TS 102 221 Annex A.
/// \return the name in UTF-8, trimmed of padding; an empty name is an empty string.
Result<std::string> decodeEfSpn(std::span<const std::uint8_t> bytes);

} /* namespace zanryo */
