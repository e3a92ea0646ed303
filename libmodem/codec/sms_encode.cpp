// SMS-SUBMIT and SMS-DELIVER encoding: TS 23.040 §9.2.2.1/.2, §9.2.3.24, TS 23.038 §4.

#include <utility>

#include "libmodem/codec/gsm7.hpp"
#include "libmodem/codec/sms_fields.hpp"
#include "libmodem/codec/sms_pdu.hpp"
#include "libmodem/codec/text.hpp"

namespace zanryo
{

std::string EncodedPdu::hex() const
{
	return hexEncode(bytes);
}

namespace
{

constexpr std::size_t kMaxSeptets = 160; // §9.2.3.16: 140 octets of TP-UD
constexpr std::size_t kMaxOctets = 140;
constexpr std::size_t kMaxParts = 255; // §9.2.3.24.1: the total is one octet

// The message body before it is cut into parts: septets for GSM 7-bit, octets otherwise,
// and where a cut may fall (not inside ESC + char, not inside a surrogate pair).
struct Body {
	Alphabet alphabet = Alphabet::Gsm7;
	std::vector<std::uint8_t> units;
	std::vector<bool> canCut; // canCut[i]: a part may start at units[i]
};

void appendUtf16(Body &b, char32_t cp)
{
	auto put = [&](char32_t u, bool cut) {
		b.canCut.push_back(cut);
		b.canCut.push_back(false);
		b.units.push_back(static_cast<std::uint8_t>(u >> 8));
		b.units.push_back(static_cast<std::uint8_t>(u & 0xFF));
	};
	if (cp < 0x10000) {
		put(cp, true);
		return;
	}
	cp -= 0x10000;
	put(0xD800 + (cp >> 10), true);
	put(0xDC00 + (cp & 0x3FF), false);
}

Result<Body> makeBody(std::string_view text, std::optional<Alphabet> forced, Gsm7Tables tables)
{
	Body b;
	if (forced == Alphabet::EightBit) {
		b.alphabet = Alphabet::EightBit;
		b.units.assign(text.begin(), text.end());
		b.canCut.assign(b.units.size(), true);
		return b;
	}
	if (!isValidUtf8(text))
		return makeError(Errc::InvalidUtf8, "message text is not UTF-8");
	std::u32string cps = utf8ToCodepoints(text);

	if (forced != Alphabet::Ucs2) {
		b.units.reserve(cps.size());
		bool encodable = true;
		for (std::size_t i = 0; i < cps.size(); ++i) {
			std::uint8_t sept[2];
			unsigned n = gsm7EncodeCodepoint(cps[i], tables, sept);
			if (n == 0) {
				if (forced == Alphabet::Gsm7)
					return makeError(
						Errc::NotEncodable,
						"character " + std::to_string(i) + " (U+" +
							hexEncode(std::vector<std::uint8_t>{
								static_cast<std::uint8_t>(cps[i] >>
											  16),
								static_cast<std::uint8_t>(cps[i] >>
											  8),
								static_cast<std::uint8_t>(
									cps[i]) }) +
							") is not in the GSM 7-bit tables",
						i);
				encodable = false;
				break;
			}
			for (unsigned k = 0; k < n; ++k) {
				b.units.push_back(sept[k]);
				b.canCut.push_back(k == 0);
			}
		}
		if (encodable)
			return b;
	}
	b = Body{};
	b.alphabet = Alphabet::Ucs2;
	b.units.reserve(cps.size() * 2);
	for (char32_t cp : cps)
		appendUtf16(b, cp);
	return b;
}

std::size_t capacity(Alphabet a, std::size_t udhLen)
{
	std::size_t header = udhLen == 0 ? 0 : udhLen + 1;
	if (a == Alphabet::Gsm7)
		return kMaxSeptets - (header * 8 + 6) / 7;
	return kMaxOctets - header;
}

void appendConcatIe(std::vector<std::uint8_t> &udh, const Concat &c)
{
	if (c.ref16) {
		udh.insert(udh.end(), { 0x08, 0x04, static_cast<std::uint8_t>(c.ref >> 8),
					static_cast<std::uint8_t>(c.ref & 0xFF), c.total, c.seq });
	} else {
		udh.insert(udh.end(),
			   { 0x00, 0x03, static_cast<std::uint8_t>(c.ref), c.total, c.seq });
	}
}

std::size_t concatIeSize(bool ref16)
{
	return ref16 ? 6 : 5;
}

struct Slice {
	std::size_t begin, end;
};

// Cut the body into parts of at most \a cap units, only where canCut allows.
Result<std::vector<Slice>> split(const Body &b, std::size_t cap)
{
	std::vector<Slice> parts;
	std::size_t n = b.units.size();
	std::size_t s = 0;
	while (s < n) {
		std::size_t e = s + cap;
		if (e >= n) {
			e = n;
		} else {
			while (e > s && !b.canCut[e])
				--e;
			if (e == s)
				return makeError(Errc::InvalidLength,
						 "a character does not fit a part");
		}
		parts.push_back({ s, e });
		s = e;
		if (parts.size() > kMaxParts)
			return makeError(Errc::InvalidLength,
					 "message needs more than 255 parts, the most a "
					 "concatenation IE can number");
	}
	return parts;
}

// TP-DCS of the general data coding group (TS 23.038 §4, 00xx xxxx).
std::uint8_t generalDcs(Alphabet a, std::optional<int> messageClass)
{
	std::uint8_t dcs = 0;
	switch (a) {
	case Alphabet::Gsm7:
		break;
	case Alphabet::EightBit:
		dcs = 0x04;
		break;
	case Alphabet::Ucs2:
		dcs = 0x08;
		break;
	}
	if (messageClass)
		dcs |= static_cast<std::uint8_t>(0x10 | (*messageClass & 0x03));
	return dcs;
}

// Common tail of both encoders: cut the body, add UDH, append DCS-dependent TP-UDL/TP-UD.
struct PartPlan {
	std::vector<std::uint8_t> baseUdh; // IEs present in every part (ports, languages)
	std::uint16_t concatRef = 0;
	std::optional<Concat> forcedPart;
};

// Writes the TPDU up to and excluding TP-UDL, given whether a UDH follows.
template <typename Head>
Result<std::vector<EncodedPdu>> encodeParts(const Body &body, const PartPlan &plan,
					    const std::vector<std::uint8_t> &smscPart, Head head)
{
	bool ref16 = plan.forcedPart ? plan.forcedPart->ref16 : plan.concatRef > 0xFF;
	std::vector<Slice> slices;
	std::size_t single = capacity(body.alphabet, plan.baseUdh.size());
	std::size_t multi = capacity(body.alphabet, plan.baseUdh.size() + concatIeSize(ref16));
	bool concatenated = true;
	if (plan.forcedPart) {
		if (body.units.size() > multi)
			return makeError(Errc::InvalidLength,
					 "text needs " + std::to_string(body.units.size()) +
						 " units, one concatenated part holds " +
						 std::to_string(multi));
		slices.push_back({ 0, body.units.size() });
	} else if (body.units.size() <= single) {
		slices.push_back({ 0, body.units.size() });
		concatenated = false;
	} else {
		auto s = split(body, multi);
		if (!s)
			return s.error();
		slices = std::move(*s);
	}

	std::vector<EncodedPdu> out;
	out.reserve(slices.size());
	for (std::size_t i = 0; i < slices.size(); ++i) {
		std::vector<std::uint8_t> udh = plan.baseUdh;
		if (concatenated) {
			Concat c = plan.forcedPart
					   ? *plan.forcedPart
					   : Concat{ plan.concatRef,
						     static_cast<std::uint8_t>(slices.size()),
						     static_cast<std::uint8_t>(i + 1), ref16 };
			appendConcatIe(udh, c);
		}
		EncodedPdu pdu;
		pdu.bytes = smscPart;
		std::size_t tpduStart = pdu.bytes.size();
		if (auto h = head(pdu.bytes, !udh.empty()); !h)
			return h.error();
		std::span<const std::uint8_t> units(body.units.data() + slices[i].begin,
						    slices[i].end - slices[i].begin);
		std::size_t headerOctets = udh.empty() ? 0 : udh.size() + 1;
		if (body.alphabet == Alphabet::Gsm7) {
			std::size_t headerSeptets = (headerOctets * 8 + 6) / 7;
			unsigned fill = static_cast<unsigned>(headerSeptets * 7 - headerOctets * 8);
			pdu.bytes.push_back(
				static_cast<std::uint8_t>(headerSeptets + units.size()));
			if (!udh.empty()) {
				pdu.bytes.push_back(static_cast<std::uint8_t>(udh.size()));
				pdu.bytes.insert(pdu.bytes.end(), udh.begin(), udh.end());
			}
			auto packed = gsm7Pack(units, fill);
			pdu.bytes.insert(pdu.bytes.end(), packed.begin(), packed.end());
		} else {
			pdu.bytes.push_back(static_cast<std::uint8_t>(headerOctets + units.size()));
			if (!udh.empty()) {
				pdu.bytes.push_back(static_cast<std::uint8_t>(udh.size()));
				pdu.bytes.insert(pdu.bytes.end(), udh.begin(), udh.end());
			}
			pdu.bytes.insert(pdu.bytes.end(), units.begin(), units.end());
		}
		pdu.tpduLength = pdu.bytes.size() - tpduStart;
		out.push_back(std::move(pdu));
	}
	return out;
}

} /* namespace */

Result<std::vector<EncodedPdu>> encodeSmsSubmit(std::string_view to, std::string_view utf8Text,
						const SubmitOptions &options)
{
	auto da = parseSmsAddress(to);
	if (!da || da->ton == TypeOfNumber::Alphanumeric)
		return makeError(Errc::InvalidValue,
				 "'" + std::string(to) + "' is not a phone number" +
					 (da ? std::string() : " (" + da.error().what + ")"),
				 Error::kNoOffset, std::string(to));
	std::optional<std::uint8_t> vp;
	if (options.validityMinutes) {
		auto code = sms::relativeValidityCode(*options.validityMinutes);
		if (!code)
			return code.error();
		vp = *code;
	}
	auto body = makeBody(utf8Text, std::nullopt, Gsm7Tables{});
	if (!body)
		return body.error();

	std::vector<std::uint8_t> smscPart;
	if (options.includeSmscByte)
		smscPart.push_back(0x00); // TS 27.005 §3.1: length 0, the SIM's SMSC is used
	PartPlan plan;
	plan.concatRef = options.concatRef;
	std::uint8_t dcs = generalDcs(body->alphabet, std::nullopt);
	return encodeParts(*body, plan, smscPart,
			   [&](std::vector<std::uint8_t> &out, bool udhi) -> Result<void> {
				   // §9.2.2.2: MTI 01, TP-VPF 10 (relative) when a VP is given.
				   out.push_back(static_cast<std::uint8_t>(
					   0x01 | (vp ? 0x10 : 0) |
					   (options.statusReport ? 0x20 : 0) | (udhi ? 0x40 : 0)));
				   out.push_back(options.messageRef);
				   sms::writeAddress(out, *da, false);
				   out.push_back(0x00); // TP-PID: plain SME-to-SME
				   out.push_back(dcs);
				   if (vp)
					   out.push_back(*vp);
				   return {};
			   });
}

Result<std::vector<EncodedPdu>> encodeSmsDeliver(std::string_view from, std::string_view utf8Text,
						 const SmsTimestamp &scts,
						 const DeliverOptions &options)
{
	auto oa = parseSmsAddress(from);
	if (!oa)
		return oa.error();
	if (options.messageClass && (*options.messageClass < 0 || *options.messageClass > 3))
		return makeError(Errc::InvalidValue, "message class " +
							     std::to_string(*options.messageClass) +
							     " is not 0..3");
	if (options.part && (options.part->total == 0 || options.part->seq == 0 ||
			     options.part->seq > options.part->total))
		return makeError(Errc::InvalidValue, "part " + std::to_string(options.part->seq) +
							     " of " +
							     std::to_string(options.part->total) +
							     " is not a valid part");
	std::vector<std::uint8_t> sctsOctets;
	if (auto t = sms::writeTimestamp(sctsOctets, scts); !t)
		return t.error();
	auto body = makeBody(utf8Text, options.alphabet, options.tables);
	if (!body)
		return body.error();

	std::vector<std::uint8_t> smscPart;
	if (options.includeSmscByte) {
		if (options.smsc)
			sms::writeAddress(smscPart, *options.smsc, true);
		else
			smscPart.push_back(0x00);
	}
	PartPlan plan;
	plan.concatRef = options.concatRef;
	plan.forcedPart = options.part;
	if (options.destPort || options.srcPort) {
		std::uint16_t d = options.destPort.value_or(0), s = options.srcPort.value_or(0);
		if (d <= 0xFF && s <= 0xFF)
			plan.baseUdh.insert(plan.baseUdh.end(),
					    { 0x04, 0x02, static_cast<std::uint8_t>(d),
					      static_cast<std::uint8_t>(s) });
		else
			plan.baseUdh.insert(plan.baseUdh.end(),
					    { 0x05, 0x04, static_cast<std::uint8_t>(d >> 8),
					      static_cast<std::uint8_t>(d),
					      static_cast<std::uint8_t>(s >> 8),
					      static_cast<std::uint8_t>(s) });
	}
	if (body->alphabet == Alphabet::Gsm7) {
		// §9.2.3.24.15/16: announce the national language tables the text uses.
		if (options.tables.shift != NationalLanguage::Default)
			plan.baseUdh.insert(
				plan.baseUdh.end(),
				{ 0x24, 0x01, static_cast<std::uint8_t>(options.tables.shift) });
		if (options.tables.locking != NationalLanguage::Default)
			plan.baseUdh.insert(
				plan.baseUdh.end(),
				{ 0x25, 0x01, static_cast<std::uint8_t>(options.tables.locking) });
	}
	std::uint8_t dcs = generalDcs(body->alphabet, options.messageClass);
	return encodeParts(*body, plan, smscPart,
			   [&](std::vector<std::uint8_t> &out, bool udhi) -> Result<void> {
				   // §9.2.2.1: MTI 00; TP-MMS 1 means no more messages are waiting.
				   out.push_back(static_cast<std::uint8_t>(
					   (options.moreMessagesToSend ? 0 : 0x04) |
					   (options.statusReportIndication ? 0x20 : 0) |
					   (udhi ? 0x40 : 0)));
				   sms::writeAddress(out, *oa, false);
				   out.push_back(options.pid);
				   out.push_back(dcs);
				   out.insert(out.end(), sctsOctets.begin(), sctsOctets.end());
				   return {};
			   });
}

} /* namespace zanryo */
