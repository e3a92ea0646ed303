#pragma once

// QMUX framing and QMI TLVs as the simulated QMI device reads and writes them.
// Layout facts are those libqmi-glib 1.32 puts on the wire (qmi-message.c, the data
// files qmi-service-*.json): every integer is little-endian.
//
//   QMUX: marker 0x01 | u16 length (frame size minus the marker) | u8 flags
//         (0x80 when sent by the service) | u8 service | u8 client id
//   CTL SDU (service 0): u8 flags (0 request, 1 response, 2 indication) | u8 transaction
//                        | u16 message id | u16 TLV length | TLVs
//   other SDUs:          u8 flags (0 request, 2 response, 4 indication) | u16 transaction
//                        | u16 message id | u16 TLV length | TLVs
//   TLV: u8 type | u16 length | value

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace zanryo::sim::qmi {

/// QMI service numbers (QmiService in libqmi's qmi-enums.h).
enum Service : std::uint8_t {
	kCtl = 0x00,
	kWds = 0x01,
	kDms = 0x02,
	kNas = 0x03,
	kWms = 0x05,
	kVoice = 0x09,
	kUim = 0x0B,
};

std::string_view serviceName(std::uint8_t service);

struct Tlv {
	std::uint8_t type = 0;
	std::vector<std::uint8_t> value;
};

/// One QMI message inside a QMUX frame.
struct Message {
	std::uint8_t service = 0;
	std::uint8_t client = 0;
	std::uint8_t flags = 0;       ///< SDU control flags
	std::uint16_t transaction = 0;
	std::uint16_t id = 0;
	std::vector<Tlv> tlvs;

	const Tlv *find(std::uint8_t type) const;
};

/// Result of looking for one frame at the start of a byte buffer.
struct ParseOutcome {
	enum class Kind { NeedMore, Frame, Garbage } kind = Kind::NeedMore;
	std::size_t consumed = 0;  ///< bytes to drop from the buffer (frame or garbage)
	Message message;
	std::string why;  ///< for Garbage: what was wrong, with the offset
};

/// Take one frame from the start of \a bytes. Bytes before a marker, or a frame whose
/// lengths contradict each other, come back as Garbage so the caller can resync.
ParseOutcome parseFrame(std::span<const std::uint8_t> bytes);

/// The whole QMUX frame for \a m, as sent by the device (QMUX flags 0x80).
std::vector<std::uint8_t> encodeFrame(const Message &m);

/// Builds TLV values field by field.
class TlvValue
{
public:
	TlvValue &u8(std::uint8_t v);
	TlvValue &u16(std::uint16_t v);
	TlvValue &u32(std::uint32_t v);
	TlvValue &u64(std::uint64_t v);
	TlvValue &bytes(std::span<const std::uint8_t> b);
	TlvValue &text(std::string_view s);  ///< raw, no length prefix
	/// A string or byte array with a one-byte length prefix (the default for strings
	/// inside a struct or sequence in qmi-codegen, VariableString.py).
	TlvValue &prefixed8(std::string_view s);
	std::vector<std::uint8_t> take() { return std::move(v_); }

private:
	std::vector<std::uint8_t> v_;
};

/// Little-endian integer \a size bytes wide at \a offset of \a t's value; nullopt when
/// the TLV is missing or too short.
std::optional<std::uint64_t> readLe(const Tlv *t, std::size_t offset, std::size_t size);

/// The "Operation Result" TLV 0x02 (qmi-common.json): u16 result (0 success,
/// 1 failure), u16 QMI protocol error.
Tlv resultTlv(std::uint16_t error);

/// QMI protocol error numbers by their libqmi nick ("InvalidArgs" -> 0x30).
std::optional<std::uint16_t> protocolErrorByName(std::string_view name);

/// Hex dump "01 0c 00 ..." for the log.
std::string hexDump(std::span<const std::uint8_t> bytes);

} /* namespace zanryo::sim::qmi */
