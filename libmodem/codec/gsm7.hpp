#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace zanryo {

/// \brief National language identifiers of TS 23.038 §6.2.1.2.4 (the values used in the
/// UDH IEs 0x24/0x25). Only those with tables built in are listed.
enum class NationalLanguage : std::uint8_t {
	Default = 0,
	Turkish = 1,
	Spanish = 2,   ///< single shift table only (the spec defines no Spanish locking table)
	Portuguese = 3,
};

/// \brief The tables a GSM 7-bit text is read or written with.
struct Gsm7Tables {
	NationalLanguage locking = NationalLanguage::Default;  ///< replaces the default alphabet
	NationalLanguage shift = NationalLanguage::Default;    ///< replaces the extension table
};

/// \brief Pack septets (values 0..127) into octets, LSB first (TS 23.038 §6.1.2.1).
/// \param fillBits zero bits before the first septet (after a UDH), 0..6.
std::vector<std::uint8_t> gsm7Pack(std::span<const std::uint8_t> septets, unsigned fillBits = 0);

/// \brief Unpack \a septetCount septets from \a packed, skipping \a fillBits first.
/// Stops early (returns fewer) if \a packed is too short.
std::vector<std::uint8_t> gsm7Unpack(std::span<const std::uint8_t> packed, std::size_t septetCount,
				     unsigned fillBits = 0);

/// \brief USSD packing (TS 23.038 §6.1.2.3.1): when the last octet would carry 7 spare
/// bits, they are filled with CR so the receiver does not read a trailing '@'.
std::vector<std::uint8_t> gsm7PackUssd(std::span<const std::uint8_t> septets);
/// \brief Unpack all septets an octet string holds and drop the CR padding of §6.1.2.3.1.
std::vector<std::uint8_t> gsm7UnpackUssd(std::span<const std::uint8_t> packed);

/// \brief Septets to UTF-8 through the tables; ESC + unknown code gives a space (§6.2.1.1),
/// a trailing lone ESC is dropped, values > 127 give U+FFFD.
std::string gsm7ToUtf8(std::span<const std::uint8_t> septets, Gsm7Tables tables = {});

/// \brief Encode one code point: writes 1 septet, or ESC + 1 septet, into \a out.
/// \return the number of septets written (1 or 2), or 0 if \a cp is not in the tables.
unsigned gsm7EncodeCodepoint(char32_t cp, Gsm7Tables tables, std::uint8_t out[2]) noexcept;

/// \brief UTF-8 to septets; std::nullopt if any character is not encodable.
std::optional<std::vector<std::uint8_t>> utf8ToGsm7(std::string_view utf8, Gsm7Tables tables = {});

/// \brief Whether every character of \a utf8 has a GSM 7-bit form with \a tables.
bool isGsm7Encodable(std::string_view utf8, Gsm7Tables tables = {});

} /* namespace zanryo */
