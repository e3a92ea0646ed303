#include "libmodem/qmi/qmi_ussd_text.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "libmodem/codec/gsm7.hpp"
#include "libmodem/codec/text.hpp"

namespace zanryo {

namespace {

// "Data" of the USS Data sequence: an array with a guint8 size prefix
// (qmi-service-voice.json, Originate USSD input TLV 0x01).
constexpr std::size_t kMaxUssBytes = 255;

/// Bytes as UTF-8 when they are, else as ISO 8859-1 (firmwares pass Latin-1 through).
std::string bytesToUtf8(std::span<const std::uint8_t> bytes)
{
	std::string_view s(reinterpret_cast<const char *>(bytes.data()), bytes.size());
	if (isValidUtf8(s))
		return std::string(s);
	std::string out;
	for (std::uint8_t b : bytes)
		appendUtf8(out, b);
	return out;
}

std::vector<std::uint8_t> swapPairs(std::span<const std::uint8_t> bytes)
{
	std::vector<std::uint8_t> out(bytes.begin(), bytes.end());
	for (std::size_t i = 0; i + 1 < out.size(); i += 2)
		std::swap(out[i], out[i + 1]);
	return out;
}

} /* namespace */

Result<QmiUssData> encodeQmiUssData(std::string_view text)
{
	if (text.empty())
		return makeError(Errc::InvalidValue, "empty USSD string");
	if (!isValidUtf8(text))
		return makeError(Errc::InvalidUtf8, "USSD string is not UTF-8");
	QmiUssData out;
	bool ascii = true;
	for (char c : text) {
		auto u = static_cast<unsigned char>(c);
		if (u < 0x20 || u > 0x7E)
			ascii = false;
	}
	if (ascii) {
		out.scheme = QmiUssScheme::Ascii;
		out.bytes.assign(text.begin(), text.end());
	} else {
		auto be = utf8ToUtf16be(text);
		if (!be)
			return be.error();
		out.scheme = QmiUssScheme::Ucs2;
		out.bytes = swapPairs(*be);
	}
	if (out.bytes.size() > kMaxUssBytes)
		return makeError(Errc::InvalidLength,
				 fmt::format("USSD string needs {} bytes, the USS Data TLV holds at most {}",
					     out.bytes.size(), kMaxUssBytes),
				 kMaxUssBytes);
	return out;
}

Result<std::string> decodeQmiUssData(QmiUssScheme scheme, std::span<const std::uint8_t> bytes)
{
	switch (scheme) {
	case QmiUssScheme::Ucs2: {
		if (bytes.size() % 2 != 0)
			return makeError(Errc::Malformed,
					 fmt::format("UCS-2 USS data has an odd length of {} bytes", bytes.size()),
					 bytes.size() - 1, hexEncode(bytes));
		// Text in Latin or Cyrillic script has a small high byte (0x00, 0x04); where the
		// even positions hold more of the small bytes, the firmware wrote big-endian.
		std::size_t smallEven = 0, smallOdd = 0;
		for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
			smallEven += bytes[i] < 0x20;
			smallOdd += bytes[i + 1] < 0x20;
		}
		if (smallEven > smallOdd)
			return utf16beToUtf8(bytes);
		return utf16beToUtf8(swapPairs(bytes));
	}
	case QmiUssScheme::EightBit: {
		// QMI does not say which alphabet; firmwares put the network's GSM 7-bit text
		// here one septet per octet (TS 23.038 §6.2.1), which leaves the high bit clear.
		bool septets = std::all_of(bytes.begin(), bytes.end(), [](std::uint8_t b) { return b < 0x80; });
		if (septets)
			return gsm7ToUtf8(bytes);
		return bytesToUtf8(bytes);
	}
	case QmiUssScheme::Ascii:
	case QmiUssScheme::Unknown:
		break;
	}
	return bytesToUtf8(bytes);
}

std::string decodeQmiUtf16(std::span<const std::uint16_t> units)
{
	std::vector<std::uint8_t> be;
	be.reserve(units.size() * 2);
	for (std::uint16_t u : units) {
		be.push_back(static_cast<std::uint8_t>(u >> 8));
		be.push_back(static_cast<std::uint8_t>(u & 0xFF));
	}
	return utf16beToUtf8(be);
}

} /* namespace zanryo */
