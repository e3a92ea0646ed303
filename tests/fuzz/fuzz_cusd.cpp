// libFuzzer target: +CUSD line parsing and USSD payload decoding with every charset.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "libmodem/codec/ussd.hpp"

using namespace zanryo;

namespace {

void check(bool ok)
{
	if (!ok)
		std::abort();
}

constexpr TeCharset kCharsets[] = { TeCharset::Gsm, TeCharset::Ira, TeCharset::Ucs2,
				    TeCharset::Hex, TeCharset::Utf8 };

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	const std::string_view line(reinterpret_cast<const char *>(data), size);

	for (TeCharset cs : kCharsets) {
		auto r = parseCusdLine(line, cs);
		if (r.ok()) {
			check(r->status >= 0 && r->status <= 5);
			check(!r->dcs || (*r->dcs >= 0 && *r->dcs <= 255));
			check(isValidUtf8(r->decoded.text));
			// A parsed line is complete by definition.
			check(cusdLineIsComplete(line));
		} else {
			check(r.error().offset == Error::kNoOffset || r.error().offset <= size);
		}
	}

	// The raw bytes as a payload, with the first byte as DCS and with none.
	const std::optional<int> dcs = size > 0 ? std::optional<int>(data[0]) : std::nullopt;
	for (TeCharset cs : kCharsets) {
		const UssdText t = decodeUssdPayload(line, dcs, cs);
		check(isValidUtf8(t.text));
		check(isValidUtf8(decodeUssdPayload(line, std::nullopt, cs).text));
	}
	if (size > 0)
		(void)decodeCbsDcs(data[0]);

	// Request encoding: whatever is accepted is short and, for the hex forms, hex.
	for (UssdRequestEncoding enc : { UssdRequestEncoding::Plain, UssdRequestEncoding::Ucs2Hex,
					 UssdRequestEncoding::Gsm7PackedHex }) {
		auto req = encodeUssdRequest(line, enc);
		if (!req.ok())
			continue;
		check(!req->empty());
		if (enc == UssdRequestEncoding::Gsm7PackedHex)
			check(req->size() <= 2 * 160);
		if (enc != UssdRequestEncoding::Plain)
			check(hexDecode(*req).ok());
	}
	return 0;
}
