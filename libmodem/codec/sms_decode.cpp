// SMS TPDU decoding: TS 23.040 §9.2.2 (TPDU layouts), §9.2.3 (fields), TS 23.038 §4.

#include <optional>
#include <string>
#include <utility>

#include "libmodem/codec/gsm7.hpp"
#include "libmodem/codec/sms_fields.hpp"
#include "libmodem/codec/sms_pdu.hpp"
#include "libmodem/codec/text.hpp"

namespace zanryo
{

namespace
{

using sms::hexByte;
using sms::PduReader;

std::optional<NationalLanguage> languageOf(std::uint8_t id)
{
	switch (id) {
	case 0:
		return NationalLanguage::Default;
	case 1:
		return NationalLanguage::Turkish;
	case 2:
		return NationalLanguage::Spanish;
	case 3:
		return NationalLanguage::Portuguese;
	default:
		return std::nullopt;
	}
}

void warn(SmsPdu &out, std::size_t offset, std::string what)
{
	out.warnings.push_back(makeError(Errc::InvalidValue, std::move(what), offset));
}

// A defect read past leniently (docs/sms-pdu.md): a warning with its offset, and a clause
// of SmsPdu::damaged so that the message is never shown as if it were intact.
void damage(SmsPdu &out, std::size_t offset, Errc code, const std::string &what)
{
	out.warnings.push_back(makeError(code, what, offset));
	if (!out.damaged.empty())
		out.damaged += "; ";
	out.damaged += what;
}

// TS 23.040 §9.2.3.24: the information elements of a UDH. \a base is the offset of the
// first IE in the PDU, for messages.
Result<void> parseUdh(std::span<const std::uint8_t> h, std::size_t base, SmsPdu &out)
{
	std::size_t i = 0;
	while (i < h.size()) {
		// UDHL still says where the text starts, so a UDH that ends inside an element
		// costs that element and what follows it, not the message (oFono, Android and
		// python-gsmmodem keep the text too; docs/sms-pdu.md).
		if (i + 2 > h.size()) {
			damage(out, base + i, Errc::InvalidLength,
			       "UDH information element " + hexByte(h[i]) +
				       " has no length octet before the UDH ends; ignored");
			return {};
		}
		std::uint8_t iei = h[i];
		std::size_t len = h[i + 1];
		if (i + 2 + len > h.size()) {
			damage(out, base + i + 1, Errc::InvalidLength,
			       "UDH information element " + hexByte(iei) + " says " +
				       std::to_string(len) + " octets but only " +
				       std::to_string(h.size() - i - 2) +
				       " remain in the UDH; ignored");
			return {};
		}
		auto d = h.subspan(i + 2, len);
		std::size_t at = base + i;
		switch (iei) {
		case 0x00: // §9.2.3.24.1 concatenated short message, 8-bit reference
		case 0x08: // §9.2.3.24.8 concatenated short message, 16-bit reference
		{
			bool ref16 = iei == 0x08;
			if (len != (ref16 ? 4u : 3u)) {
				damage(out, at, Errc::InvalidValue,
				       "concatenation IE " + hexByte(iei) + " with length " +
					       std::to_string(len) + " ignored");
				break;
			}
			Concat c;
			c.ref16 = ref16;
			c.ref = ref16 ? static_cast<std::uint16_t>(d[0] << 8 | d[1]) : d[0];
			c.total = d[ref16 ? 2 : 1];
			c.seq = d[ref16 ? 3 : 2];
			// §9.2.3.24.1: total 0, sequence 0 or beyond the total: the receiving
			// entity ignores the whole IE; the text is kept as a single message.
			if (c.total == 0 || c.seq == 0 || c.seq > c.total) {
				damage(out, at, Errc::InvalidValue,
				       "concatenation IE ignored: part " + std::to_string(c.seq) +
					       " of " + std::to_string(c.total) + " is invalid");
				break;
			}
			out.concat = c;
			break;
		}
		case 0x04: // §9.2.3.24.3 application port addressing, 8-bit
		case 0x05: // §9.2.3.24.4 application port addressing, 16-bit
		{
			bool wide = iei == 0x05;
			if (len != (wide ? 4u : 2u)) {
				damage(out, at, Errc::InvalidValue,
				       "port addressing IE " + hexByte(iei) + " with length " +
					       std::to_string(len) + " ignored");
				break;
			}
			out.destPort = wide ? static_cast<std::uint16_t>(d[0] << 8 | d[1]) : d[0];
			out.srcPort = wide ? static_cast<std::uint16_t>(d[2] << 8 | d[3]) : d[1];
			break;
		}
		case 0x24: // §9.2.3.24.15 national language single shift
		case 0x25: // §9.2.3.24.16 national language locking shift
		{
			auto lang = len == 1 ? languageOf(d[0]) : std::nullopt;
			if (!lang) {
				warn(out, at,
				     "national language IE " + hexByte(iei) +
					     (len == 1 ? " for language " + std::to_string(d[0]) +
								 " has no built-in table"
						       : " with length " + std::to_string(len)) +
					     "; the default table is used");
				break;
			}
			(iei == 0x24 ? out.tables.shift : out.tables.locking) = *lang;
			break;
		}
		default:
			// §9.2.3.24: a receiving entity ignores IEs it does not know.
			break;
		}
		i += 2 + len;
	}
	return {};
}

// TP-UDL and TP-UD (§9.2.3.16, §9.2.3.24), with the DCS already in out.dcs.
Result<void> readUserData(PduReader &r, bool udhi, SmsPdu &out)
{
	std::size_t udlOffset = r.pos();
	if (!r.has(1))
		return r.truncated("TP-UDL", 1);
	std::size_t udl = r.take();
	// §9.2.3.16: UDL counts septets for uncompressed GSM 7-bit, octets otherwise.
	bool septets = out.dcs.alphabet == Alphabet::Gsm7 && !out.dcs.compressed;
	std::size_t udOctets = septets ? (udl * 7 + 7) / 8 : udl;
	bool shortened = false;
	if (!r.has(udOctets)) {
		std::string said = "TP-UDL says " + std::to_string(udl) +
				   (septets ? " septets" : " octets") + " but only " +
				   std::to_string(r.remaining()) +
				   (r.remaining() == 1 ? " octet follows" : " octets follow");
		std::size_t missing = udOctets - r.remaining();
		if (missing > kMaxUserDataShortfall || r.remaining() == 0)
			return makeError(Errc::InvalidLength, said, udlOffset);
		// Modems that drop or miscount the last octets (docs/sms-pdu.md): decode the
		// octets that are there, as python-gsmmodem does, and say so.
		damage(out, udlOffset, Errc::InvalidLength,
		       "user data shorter than TP-UDL (" + said + ")");
		udOctets = r.remaining();
		shortened = true;
	}
	std::size_t udOffset = r.pos();
	auto ud = r.take(udOctets);

	std::size_t headerOctets = 0; // UDHL octet + UDH
	if (udhi) {
		if (ud.empty())
			return makeError(Errc::InvalidLength, "TP-UDHI is set but TP-UDL is 0",
					 udlOffset);
		std::size_t udhl = ud[0];
		headerOctets = udhl + 1;
		if (headerOctets > ud.size())
			return makeError(Errc::InvalidLength,
					 "UDHL says " + std::to_string(udhl) +
						 " octets but TP-UD holds only " +
						 std::to_string(ud.size() - 1) + " after it",
					 udOffset);
		if (septets && (headerOctets * 8 + 6) / 7 > udl)
			return makeError(Errc::InvalidLength,
					 "UDHL says " + std::to_string(udhl) +
						 " octets, more than the " + std::to_string(udl) +
						 " septets of TP-UDL",
					 udOffset);
		out.udh.assign(ud.begin() + 1,
			       ud.begin() + static_cast<std::ptrdiff_t>(headerOctets));
		if (auto h = parseUdh(out.udh, udOffset + 1, out); !h)
			return h.error();
	}

	auto body = ud.subspan(headerOctets);
	if (septets) {
		// §9.2.3.24: the text starts on a septet boundary; fill bits pad the UDH.
		std::size_t headerSeptets = (headerOctets * 8 + 6) / 7;
		unsigned fill = static_cast<unsigned>(headerSeptets * 7 - headerOctets * 8);
		// gsm7Unpack stops at the last whole septet of a body shorter than TP-UDL.
		out.userData = gsm7Unpack(body, udl - headerSeptets, fill);
		out.text = gsm7ToUtf8(out.userData, out.tables);
		return {};
	}
	out.userData.assign(body.begin(), body.end());
	// A UCS-2 body cut inside a character keeps only the whole characters.
	if (shortened && out.dcs.alphabet == Alphabet::Ucs2 && !out.dcs.compressed &&
	    out.userData.size() % 2 != 0)
		out.userData.pop_back();
	if (out.dcs.compressed) {
		// TS 23.042 compression is not implemented: keep the octets, flag the text.
		out.textUnsupported = true;
		return {};
	}
	switch (out.dcs.alphabet) {
	case Alphabet::Ucs2:
		out.text = utf16beToUtf8(out.userData);
		break;
	case Alphabet::EightBit:
		break;
	case Alphabet::Gsm7:
		break; // handled above
	}
	return {};
}

// TP-SCTS / TP-DT of a received message (§9.2.3.11). One that is not a time (a non-decimal
// semi-octet, month 13) is the network's or the modem's fault, not the message's: the
// message is decoded, the time stamp dropped, and the PDU marked damaged.
Result<void> readReceivedTime(PduReader &r, const char *field, std::optional<SmsTimestamp> &t,
			      SmsPdu &out)
{
	auto v = sms::readTimestamp(r, field);
	if (v) {
		t = *v;
		return {};
	}
	if (v.error().code != Errc::InvalidValue)
		return v.error();
	damage(out, v.error().offset, Errc::InvalidValue,
	       v.error().what + ", time stamp dropped");
	return {};
}

Result<void> readDcs(PduReader &r, SmsPdu &out)
{
	if (!r.has(1))
		return r.truncated("TP-DCS", 1);
	out.dcs = parseSmsDcs(r.take());
	return {};
}

Result<void> readPid(PduReader &r, SmsPdu &out)
{
	if (!r.has(1))
		return r.truncated("TP-PID", 1);
	out.pid = r.take();
	return {};
}

// TP-VP of an SMS-SUBMIT in the format TP-VPF gives (§9.2.3.3, §9.2.3.12).
Result<void> readValidity(PduReader &r, unsigned vpf, SmsPdu &out)
{
	switch (vpf) {
	case 0: // not present
		return {};
	case 2: // relative
		if (!r.has(1))
			return r.truncated("TP-VP (relative)", 1);
		out.validityMinutes = sms::relativeValidityMinutes(r.take());
		return {};
	case 3: { // absolute
		auto t = sms::readTimestamp(r, "TP-VP (absolute)");
		if (!t)
			return t.error();
		out.validityAbsolute = *t;
		return {};
	}
	default: { // 1: enhanced, §9.2.3.12.3: 7 octets whatever the format inside
		if (!r.has(7))
			return r.truncated("TP-VP (enhanced)", 7);
		std::size_t at = r.pos();
		auto vp = r.take(7);
		std::size_t i = 0;
		// Bit 7 of the functionality indicator announces one more indicator octet.
		while (i < 6 && (vp[i] & 0x80))
			++i;
		unsigned format = vp[0] & 0x07;
		auto bcd = [](std::uint8_t b) { return (b & 0x0F) * 10 + (b >> 4); };
		switch (format) {
		case 0:
			break;
		case 1:
			if (i + 1 < 7)
				out.validityMinutes = sms::relativeValidityMinutes(vp[i + 1]);
			break;
		case 2: // relative, integer seconds 0..255
			if (i + 1 < 7)
				out.validityMinutes = vp[i + 1] / 60;
			break;
		case 3: // relative, semi-octets hh mm ss
			if (i + 3 < 7)
				out.validityMinutes =
					bcd(vp[i + 1]) * 60 + bcd(vp[i + 2]) + bcd(vp[i + 3]) / 60;
			break;
		default:
			warn(out, at,
			     "enhanced TP-VP format " + std::to_string(format) + " is reserved");
			break;
		}
		return {};
	}
	}
}

} /* namespace */

Result<SmsPdu> decodeSmsPdu(std::span<const std::uint8_t> pdu, bool hasSmsc)
{
	PduReader r(pdu);
	SmsPdu out;
	if (hasSmsc) {
		SmsAddress smsc;
		auto a = sms::readAddress(r, true, "SMSC address", smsc);
		if (!a)
			return a.error();
		if (*a)
			out.smsc = std::move(smsc);
	}
	std::size_t foOffset = r.pos();
	if (!r.has(1))
		return r.truncated("first TPDU octet", 1);
	std::uint8_t fo = r.take();
	bool udhi = (fo & 0x40) != 0;

	switch (fo & 0x03) {
	case 0x03:
		// §9.2.3.1: a reserved TP-MTI is processed as SMS-DELIVER by the MS.
		warn(out, foOffset, "TP-MTI 11 is reserved; read as SMS-DELIVER");
		[[fallthrough]];
	case 0x00: { // SMS-DELIVER, §9.2.2.1
		out.type = SmsType::Deliver;
		out.moreMessagesToSend = (fo & 0x04) == 0;
		out.statusReportRequested = (fo & 0x20) != 0;
		out.replyPath = (fo & 0x80) != 0;
		if (auto a = sms::readAddress(r, false, "TP-OA", out.address); !a)
			return a.error();
		if (auto p = readPid(r, out); !p)
			return p.error();
		if (auto d = readDcs(r, out); !d)
			return d.error();
		if (auto t = readReceivedTime(r, "TP-SCTS", out.timestamp, out); !t)
			return t.error();
		if (auto u = readUserData(r, udhi, out); !u)
			return u.error();
		return out;
	}
	case 0x01: { // SMS-SUBMIT, §9.2.2.2
		out.type = SmsType::Submit;
		out.rejectDuplicates = (fo & 0x04) != 0;
		out.statusReportRequested = (fo & 0x20) != 0;
		out.replyPath = (fo & 0x80) != 0;
		if (!r.has(1))
			return r.truncated("TP-MR", 1);
		out.messageRef = r.take();
		if (auto a = sms::readAddress(r, false, "TP-DA", out.address); !a)
			return a.error();
		if (auto p = readPid(r, out); !p)
			return p.error();
		if (auto d = readDcs(r, out); !d)
			return d.error();
		if (auto v = readValidity(r, (fo >> 3) & 0x03, out); !v)
			return v.error();
		if (auto u = readUserData(r, udhi, out); !u)
			return u.error();
		return out;
	}
	default: { // 0x02: SMS-STATUS-REPORT, §9.2.2.3
		out.type = SmsType::StatusReport;
		out.moreMessagesToSend = (fo & 0x04) == 0;
		out.statusReportRequested = (fo & 0x20) != 0; // TP-SRQ
		if (!r.has(1))
			return r.truncated("TP-MR", 1);
		out.messageRef = r.take();
		if (auto a = sms::readAddress(r, false, "TP-RA", out.address); !a)
			return a.error();
		if (auto t = readReceivedTime(r, "TP-SCTS", out.timestamp, out); !t)
			return t.error();
		if (auto dt = readReceivedTime(r, "TP-DT", out.dischargeTime, out); !dt)
			return dt.error();
		if (!r.has(1))
			return r.truncated("TP-ST", 1);
		out.status = r.take();
		// §9.2.3.27: TP-PI and what it announces are optional; bit 7 extends it.
		if (!r.has(1))
			return out;
		std::uint8_t pi = r.take();
		for (std::uint8_t ext = pi; (ext & 0x80) && r.has(1);)
			ext = r.take();
		if (pi & 0x01)
			if (auto p = readPid(r, out); !p)
				return p.error();
		if (pi & 0x02)
			if (auto d = readDcs(r, out); !d)
				return d.error();
		if (pi & 0x04)
			if (auto u = readUserData(r, udhi, out); !u)
				return u.error();
		return out;
	}
	}
}

Result<SmsPdu> decodeSmsPduHex(std::string_view hex, bool hasSmsc)
{
	auto bytes = hexDecode(hex);
	if (!bytes)
		return bytes.error();
	return decodeSmsPdu(*bytes, hasSmsc);
}

} /* namespace zanryo */
