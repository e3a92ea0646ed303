// libFuzzer target: GSM 7-bit unpack, decode through every table pair, re-encode.
// The first input byte picks the fill bits and the national language tables; the rest
// is packed septets.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "libmodem/codec/gsm7.hpp"
#include "libmodem/codec/text.hpp"

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
	if (size < 1)
		return 0;
	const unsigned fill = data[0] % 7;
	const auto lang = [](unsigned v) { return static_cast<NationalLanguage>(v % 4); };
	const Gsm7Tables tables{ lang(data[0] >> 3), lang(data[0] >> 5) };
	const std::span<const std::uint8_t> packed(data + 1, size - 1);

	// Unpack as much as is there; every septet is 7 bits.
	const std::size_t count = packed.size() * 8 >= fill ? (packed.size() * 8 - fill) / 7 : 0;
	const std::vector<std::uint8_t> septets = gsm7Unpack(packed, count + 3, fill);
	check(septets.size() == count);
	for (std::uint8_t s : septets)
		check(s < 0x80);

	// Pack and unpack again: the same septets.
	const std::vector<std::uint8_t> repacked = gsm7Pack(septets, fill);
	check(gsm7Unpack(repacked, septets.size(), fill) == septets);

	// Decode: valid UTF-8; every character came from the tables, so it encodes back,
	// and the re-encoded septets decode to the same text.
	const std::string text = gsm7ToUtf8(septets, tables);
	check(isValidUtf8(text));
	auto again = utf8ToGsm7(text, tables);
	check(again.has_value());
	check(gsm7ToUtf8(*again, tables) == text);

	// USSD packing (TS 23.038 §6.1.2.3.1) round trip; the one documented exception is a
	// wanted CR on an octet boundary, which comes back doubled.
	const std::vector<std::uint8_t> ussd = gsm7UnpackUssd(packed);
	const std::vector<std::uint8_t> back = gsm7UnpackUssd(gsm7PackUssd(ussd));
	if (!ussd.empty() && ussd.size() % 8 == 0 && ussd.back() == 0x0D) {
		std::vector<std::uint8_t> doubled = ussd;
		doubled.push_back(0x0D);
		check(back == doubled);
	} else {
		check(back == ussd);
	}

	// Raw bytes (values above 127 included) never break the decoder.
	check(isValidUtf8(gsm7ToUtf8(packed, tables)));
	return 0;
}
