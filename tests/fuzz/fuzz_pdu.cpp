// libFuzzer target for the SMS PDU decoder (with and without the SMSC part). On success
// the text must be UTF-8, and an SMS-SUBMIT's text must survive encode + decode.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>

#include "libmodem/codec/sms_pdu.hpp"
#include "libmodem/codec/text.hpp"

namespace
{

void check(bool ok)
{
	if (!ok)
		std::abort();
}

void roundTripSubmitText(const zanryo::SmsPdu &pdu)
{
	using namespace zanryo;
	if (pdu.type != SmsType::Submit || pdu.textUnsupported ||
	    pdu.dcs.alphabet == Alphabet::EightBit)
		return;
	auto parts = encodeSmsSubmit("+15550100", pdu.text, {});
	check(parts.ok());
	std::string text;
	for (const EncodedPdu &p : *parts) {
		check(p.tpduLength + 1 == p.bytes.size());
		auto back = decodeSmsPdu(p.bytes, true);
		check(back.ok());
		check(back->type == SmsType::Submit);
		text += back->text;
	}
	check(text == pdu.text);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	using namespace zanryo;
	std::span<const std::uint8_t> in(data, size);
	for (bool hasSmsc : { true, false }) {
		auto pdu = decodeSmsPdu(in, hasSmsc);
		if (!pdu) {
			check(pdu.error().offset == Error::kNoOffset || pdu.error().offset <= size);
			check(!pdu.error().message().empty());
			continue;
		}
		check(isValidUtf8(pdu->text));
		check(isValidUtf8(pdu->address.number));
		if (pdu->smsc)
			check(isValidUtf8(pdu->smsc->number));
		if (pdu->timestamp)
			check(pdu->timestamp->iso8601().size() == 25);
		if (pdu->concat)
			check(pdu->concat->seq >= 1 && pdu->concat->seq <= pdu->concat->total);
		// Every defect read past is a warning too (docs/sms-pdu.md).
		check(pdu->damaged.empty() || !pdu->warnings.empty());
		// TS 23.040 §9.1.2.5: at most 20 digits and a '+' (or 11 alphanumeric septets).
		if (pdu->address.ton != TypeOfNumber::Alphanumeric)
			check(pdu->address.number.size() <= 21);
		roundTripSubmitText(*pdu);
	}
	// The hex entry point agrees with the binary one.
	auto viaHex = decodeSmsPduHex(hexEncode(in), true);
	auto direct = decodeSmsPdu(in, true);
	check(viaHex.ok() == direct.ok());
	if (viaHex.ok())
		check(viaHex->text == direct->text && viaHex->userData == direct->userData);
	return 0;
}
