// libFuzzer target for the AT framer and the AT reply parsers.
//
// Input layout: byte 0 chooses the setup, byte 1 seeds the chunk sizes, the rest is what
// the modem sends.
//   byte 0 bits 0-3: largest chunk size - 1 (chunks of 1..16 bytes)
//          bit 4:    a command is in flight from the start
//          bits 5-7: which command (index into kCommands)
//   byte 0 == 0xFF additionally announces a payload echo (sentPayload) up front.
// Invariants checked (a violation aborts):
//   - every event line and PDU is at most AtFramer::kMaxLineLength bytes, the partial
//     line too, and the queue never exceeds kMaxQueuedEvents;
//   - Final events carry a FinalResult, and the command is over after one;
//   - Prompt only while AT+CMGS/CMGW/CMGC is in flight;
//   - the events are the same when the bytes are fed one at a time (chunking invariance).
// Every line is also given to each at_parse function, which must not crash and whose
// successful results must be self-consistent.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "libmodem/codec/at_framer.hpp"
#include "libmodem/codec/at_parse.hpp"

using namespace zanryo;

namespace {

constexpr std::string_view kCommands[] = {
	"AT+CGMI",
	"AT+CUSD=1,\"*100#\",15",
	"AT+CMGS=18",
	"AT+CMGL=4",
	"AT+CPMS?",
	"AT+COPS?",
	"AT^ICCID?",
	"ATI",
};

void check(bool ok)
{
	if (!ok)
		std::abort();
}

std::string describe(const AtEvent &ev)
{
	std::string s(atEventKindName(ev.kind));
	s += '|' + ev.urcName + '|' + ev.line + '|' + ev.pdu;
	return s;
}

void parseLine(const std::string &line)
{
	std::vector<std::string> one{ line };
	(void)splitAtParams(line);
	(void)parseFinalResult(line);
	if (auto r = parseCopsRead(line); r.ok() && r->format && *r->format == OperatorFormat::Numeric)
		check(r->mcc.size() == 3 && (r->mnc.size() == 2 || r->mnc.size() == 3));
	if (auto r = parseCpmsRead(line); r.ok()) {
		check(!r->empty() && r->size() <= 3);
		for (const SmsStorageUsage &u : *r)
			check(u.used <= u.total);
	}
	(void)parseCpmsSet(line);
	(void)parseCpmsTest(line);
	(void)parseCmti(line);
	(void)parseCdsi(line);
	(void)parseCscsTest(line);
	(void)parseCscsRead(line);
	if (auto r = parseImsi(one); r.ok())
		check(r->size() >= 6 && r->size() <= 15);
	if (auto r = parseImei(one); r.ok())
		check(r->size() == 15 || r->size() == 16);
	if (auto r = parseIccid(one); r.ok())
		check(r->size() >= 18 && r->size() <= 22 && r->back() != 'F');
	(void)parseIdentityValue(one, "+CGMM");
	(void)parseCmgs(one);
	(void)imeiCheckDigitValid(line);
}

void parseReply(const std::vector<std::string> &lines)
{
	if (auto r = parseCmgl(lines); r.ok()) {
		for (const SmsListEntry &e : *r)
			check(e.pduHex.size() % 2 == 0);
	}
	(void)parseCmgr(lines);
}

struct Run {
	std::vector<std::string> events;
	std::vector<std::string> lines; ///< Line events, for the multi-line parsers
};

Run runFramer(std::string_view data, bool inCommand, std::string_view command, bool payload,
	      std::size_t maxChunk, std::uint32_t seed)
{
	Run run;
	AtFramer f;
	if (inCommand) {
		f.beginCommand(command);
		if (payload)
			f.sentPayload("0011000B918170123456F70000AA04D4F29C0E\x1a");
	}
	bool promptAllowed = inCommand && (command.find("CMGS") != std::string_view::npos);
	std::size_t pos = 0;
	while (pos < data.size()) {
		seed = seed * 1103515245u + 12345u;
		std::size_t n = maxChunk == 1 ? 1 : 1 + (seed >> 16) % maxChunk;
		n = std::min(n, data.size() - pos);
		f.feed(data.substr(pos, n));
		pos += n;
		check(f.pendingBytes() <= AtFramer::kMaxLineLength);
		check(f.queuedEvents() <= AtFramer::kMaxQueuedEvents);
		while (auto ev = f.next()) {
			check(ev->line.size() <= AtFramer::kMaxLineLength);
			check(ev->pdu.size() <= AtFramer::kMaxLineLength);
			switch (ev->kind) {
			case AtEvent::Kind::Final:
				check(ev->final.has_value());
				promptAllowed = false;
				break;
			case AtEvent::Kind::Prompt:
				check(promptAllowed);
				promptAllowed = false;
				break;
			case AtEvent::Kind::Line:
				run.lines.push_back(ev->line);
				break;
			case AtEvent::Kind::Urc:
			case AtEvent::Kind::Echo:
			case AtEvent::Kind::Overflow:
				check(!ev->final.has_value());
				break;
			}
			run.events.push_back(describe(*ev));
		}
	}
	check(f.droppedEvents() == 0); // drained after every chunk of <= 16 bytes
	return run;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	if (size < 2)
		return 0;
	std::uint8_t setup = data[0];
	std::uint32_t seed = data[1];
	std::string_view bytes(reinterpret_cast<const char *>(data + 2), size - 2);
	std::size_t maxChunk = (setup & 0x0f) + 1;
	bool inCommand = (setup & 0x10) != 0;
	std::string_view command = kCommands[(setup >> 5) & 0x07];
	bool payload = setup == 0xff;

	Run chunked = runFramer(bytes, inCommand, command, payload, maxChunk, seed);
	Run bytewise = runFramer(bytes, inCommand, command, payload, 1, 0);
	check(chunked.events == bytewise.events);

	for (const std::string &line : chunked.lines)
		parseLine(line);
	parseReply(chunked.lines);
	return 0;
}
