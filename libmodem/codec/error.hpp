#pragma once

#include <cstddef>
#include <string>
#include <system_error>

namespace zanryo {

/// \brief Error conditions of libmodem, one enum for every layer (Asio's model).
enum class Errc {
	Ok = 0,
	// Codec: bytes and text that do not decode.
	Truncated = 1,     ///< input ends before a field it announces
	InvalidHex,        ///< odd length or a non-hex character where hex is required
	InvalidLength,     ///< a length field contradicts the data
	InvalidValue,      ///< a field holds a value the spec reserves or forbids
	Unsupported,       ///< valid per spec, but not handled (e.g. compressed SMS)
	InvalidUtf8,       ///< input text is not UTF-8
	NotEncodable,      ///< text has characters the chosen alphabet cannot hold
	Malformed,         ///< a line or record does not have the expected shape
	// AT / backend.
	Timeout,           ///< the modem or network did not answer in time
	ModemError,        ///< ERROR, +CME ERROR or +CMS ERROR from the modem
	NetworkError,      ///< the network refused or terminated (e.g. +CUSD: 2/4)
	DeviceGone,        ///< the port closed or vanished
	NotAModem,         ///< the device does not answer AT
	Busy,              ///< another session or command holds the resource
	Cancelled,         ///< the operation was aborted on purpose
	NotFound,          ///< no such record, provider, file or modem
	ConfigError,       ///< a configuration or profile file is invalid
};

const std::error_category &zanryoCategory() noexcept;
std::error_code make_error_code(Errc e) noexcept;

/// \brief An error value with the context a person needs to act on it.
struct Error {
	static constexpr std::size_t kNoOffset = static_cast<std::size_t>(-1);

	std::error_code code;
	std::string what;                 ///< e.g. "TP-UDL says 160 septets but 12 octets follow"
	std::size_t offset = kNoOffset;   ///< byte/character offset into the input, if known
	std::string raw;                  ///< the raw text or hex the error is about, if any

	/// "offset 12: TP-UDL says ..." or just the description when no offset is known.
	std::string message() const;
};

Error makeError(Errc code, std::string what, std::size_t offset = Error::kNoOffset,
		std::string raw = {});

} /* namespace zanryo */

template<>
struct std::is_error_code_enum<zanryo::Errc> : std::true_type {
};
