// libFuzzer target: UTF-16BE <-> UTF-8, lenient UTF-8 decoding, hex and TE-charset text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>
#include <string_view>

#include "libmodem/codec/text.hpp"
#include "libmodem/codec/ussd.hpp"

using namespace zanryo;

namespace {

void check(bool ok)
{
	if (!ok)
		std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	const std::span<const std::uint8_t> bytes(data, size);
	const std::string_view asText(reinterpret_cast<const char *>(data), size);

	// UTF-16BE -> UTF-8 is total and yields valid UTF-8; that UTF-8 converts back and
	// forth without change.
	const std::string utf8 = utf16beToUtf8(bytes);
	check(isValidUtf8(utf8));
	auto units = utf8ToUtf16be(utf8);
	check(units.ok());
	check(utf16beToUtf8(*units) == utf8);

	// The input as UTF-8: strict and lenient decoders agree on validity, and valid
	// input survives a trip through UTF-16.
	const bool valid = isValidUtf8(asText);
	auto viaUtf16 = utf8ToUtf16be(asText);
	check(viaUtf16.ok() == valid);
	if (valid)
		check(utf16beToUtf8(*viaUtf16) == asText);
	std::string rebuilt;
	for (char32_t cp : utf8ToCodepoints(asText))
		appendUtf8(rebuilt, cp);
	check(isValidUtf8(rebuilt));
	if (valid)
		check(rebuilt == asText);

	// Hex round trip, and hex parsing of arbitrary text never crashes.
	auto decoded = hexDecode(hexEncode(bytes));
	check(decoded.ok() && *decoded == std::vector<std::uint8_t>(bytes.begin(), bytes.end()));
	auto any = hexDecode(asText);
	check(any.ok() || any.error().offset <= size);

	// What a modem prints in a TE charset always becomes valid UTF-8.
	for (TeCharset cs : { TeCharset::Gsm, TeCharset::Ira, TeCharset::Ucs2, TeCharset::Hex,
			      TeCharset::Utf8 })
		check(isValidUtf8(teTextToUtf8(asText, cs)));
	return 0;
}
