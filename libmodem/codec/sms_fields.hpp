#pragma once

// Field codecs shared by the SMS PDU decoder and encoders (TS 23.040 §9.1.2, §9.2.3).
// Internal to libmodem/codec: the public API is sms_pdu.hpp.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "libmodem/codec/result.hpp"
#include "libmodem/codec/sms_pdu.hpp"

namespace zanryo::sms
{

/// A read position in a PDU; errors it makes name the absolute byte offset.
class PduReader
{
public:
	explicit PduReader(std::span<const std::uint8_t> data) : data_(data) {}

	std::size_t pos() const noexcept { return pos_; }
	std::size_t remaining() const noexcept { return data_.size() - pos_; }
	bool has(std::size_t n) const noexcept { return remaining() >= n; }
	std::uint8_t peek() const noexcept { return data_[pos_]; }
	std::uint8_t take() noexcept { return data_[pos_++]; }
	std::span<const std::uint8_t> take(std::size_t n) noexcept
	{
		auto s = data_.subspan(pos_, n);
		pos_ += n;
		return s;
	}

	/// Truncated: "<field> needs N octets but only M follow" at the current offset.
	Error truncated(const char *field, std::size_t need) const;

private:
	std::span<const std::uint8_t> data_;
	std::size_t pos_ = 0;
};

/// TP-OA / TP-DA / TP-RA (\a smsc false: the length counts semi-octets) or the SMSC
/// address of TS 24.011 §8.2.5.1 (\a smsc true: the length counts octets, 0 = none,
/// and \a out is left untouched). \a field names it in errors.
Result<bool> readAddress(PduReader &r, bool smsc, const char *field, SmsAddress &out);
/// Append the encoded address; the caller has validated it (parseSmsAddress()).
void writeAddress(std::vector<std::uint8_t> &out, const SmsAddress &a, bool smsc);

/// A 7-octet TP-SCTS / TP-DT / absolute TP-VP (§9.2.3.11).
Result<SmsTimestamp> readTimestamp(PduReader &r, const char *field);
/// Append a timestamp; InvalidValue if a field is out of the range the PDU can hold.
Result<void> writeTimestamp(std::vector<std::uint8_t> &out, const SmsTimestamp &t);

/// Relative TP-VP octet to minutes (§9.2.3.12.1).
int relativeValidityMinutes(std::uint8_t vp) noexcept;
/// Minutes to the smallest relative TP-VP octet that covers them; InvalidValue when
/// \a minutes is not within 1 minute .. 63 weeks.
Result<std::uint8_t> relativeValidityCode(int minutes);

/// "0x0A" style for error texts.
std::string hexByte(std::uint8_t b);

} /* namespace zanryo::sms */
