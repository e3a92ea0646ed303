#pragma once

// USSD text as the QMI VOICE service carries it. Pure functions: no GLib, no libqmi.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "libmodem/codec/result.hpp"

namespace zanryo {

/// \brief QmiVoiceUssDataCodingScheme (libqmi qmi-enums-voice.h): QMI's own coding of
/// the "USS Data" TLVs, not the TS 23.038 DCS.
enum class QmiUssScheme : std::uint8_t {
	Unknown = 0x00,
	Ascii = 0x01,
	EightBit = 0x02,
	Ucs2 = 0x03,
};

/// \brief A "USS Data" TLV value ready to send: scheme and bytes.
struct QmiUssData {
	QmiUssScheme scheme = QmiUssScheme::Ascii;
	std::vector<std::uint8_t> bytes;
};

/// \brief The USS data for the code or menu answer \a text ("*100#", "1"): ASCII when
/// every character is printable ASCII, else UCS-2 in QMI's little-endian byte order.
/// InvalidValue for empty text, InvalidUtf8, InvalidLength past 255 bytes (the TLV's
/// one-byte length prefix, qmi-service-voice.json).
Result<QmiUssData> encodeQmiUssData(std::string_view text);

/// \brief The text of a "USS Data" TLV. ASCII: the bytes (Latin-1 where they are not
/// UTF-8). UCS-2: 16-bit units, little-endian as QMI sends every integer, read
/// big-endian when the bytes clearly say so (the high byte of Latin and Cyrillic text is
/// the small one). 8-bit: QMI does not say which alphabet: octets below 0x80 are read as
/// GSM 7-bit septets, one per octet, anything else as ASCII. Unknown: as ASCII. Malformed when UCS-2 data has an odd length.
Result<std::string> decodeQmiUssData(QmiUssScheme scheme, std::span<const std::uint8_t> bytes);

/// \brief The "USS Data UTF16" TLV (16-bit units, already in host order) as UTF-8;
/// surrogate pairs joined, lone surrogates become U+FFFD.
std::string decodeQmiUtf16(std::span<const std::uint16_t> units);

} /* namespace zanryo */
