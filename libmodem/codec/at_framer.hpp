#pragma once

#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <string_view>

namespace zanryo {

/// \brief Kind of a final result code (V.250 §5.7.1 table 1, TS 27.007 §9.2, TS 27.005 §3.2.5).
enum class FinalKind {
	Ok,
	Error,       ///< plain ERROR (V.250), or +CME/+CMS disabled by +CMEE=0
	CmeError,    ///< +CME ERROR: <err> (TS 27.007 §9.2)
	CmsError,    ///< +CMS ERROR: <err> (TS 27.005 §3.2.5)
	NoCarrier,
	NoDialtone,
	Busy,
	NoAnswer,
	Connect,     ///< CONNECT [<text>]: the port switches to data mode
};

/// "OK", "ERROR", "+CME ERROR", ...: the name used in logs and error messages.
std::string_view finalKindName(FinalKind kind) noexcept;

/// \brief A final result code: the line that ends a command (V.250 §5.7.1).
struct FinalResult {
	FinalKind kind = FinalKind::Ok;
	/// +CME/+CMS error number. With +CMEE=2 the modem sends text; known texts
	/// (TS 27.007 §9.2.1, TS 27.005 §3.2.5) are mapped back to their number. -1: none/unknown.
	int code = -1;
	/// The text after "+CME ERROR: " (verbose form, or the number as sent), or after "CONNECT ".
	std::string text;

	bool isError() const noexcept { return kind != FinalKind::Ok && kind != FinalKind::Connect; }
};

/// \brief Whether \a line (without its line end) is a final result code in verbose form
/// (ATV1), and which. Leading/trailing blanks are ignored; keywords are matched
/// case-insensitively.
std::optional<FinalResult> parseFinalResult(std::string_view line);

/// \brief +CME ERROR number for a verbose text of TS 27.007 §9.2.1 ("SIM not inserted" -> 10),
/// or -1.
int cmeErrorCodeFromText(std::string_view text) noexcept;
/// \brief +CMS ERROR number for a verbose text of TS 27.005 §3.2.5 ("SMSC address unknown"
/// -> 330), or -1.
int cmsErrorCodeFromText(std::string_view text) noexcept;

/// \brief One thing the modem said, as the AtFramer recognised it.
struct AtEvent {
	enum class Kind {
		Line,      ///< information text (intermediate response) of the command in flight
		Final,     ///< final result code; the framer has ended the command. Also sent
			   ///< with no command in flight (a late reply after a timeout): drop it
		Prompt,    ///< "> " of AT+CMGS/AT+CMGW/AT+CMGC: write the PDU now (TS 27.005 §3.5.1)
		Urc,       ///< unsolicited result code (TS 27.007 §4.2 / V.250 §5.7.2)
		Echo,      ///< the modem echoing the command line or the payload (ATE1, V.250 §6.2.4)
		Overflow,  ///< a line longer than AtFramer::kMaxLineLength; line holds its start
	};

	Kind kind = Kind::Line;
	std::string line;                 ///< the line without its line end
	std::optional<FinalResult> final; ///< set for Kind::Final
	/// For Kind::Urc: "+CMTI", "^HCSQ", "RING", "+QIND"... (the part before ':' for prefixed
	/// lines, the whole line for RING/RDY/NO CARRIER...), empty for an unprefixed unknown line.
	std::string urcName;
	/// For +CMT/+CDS/+CBM URCs: the second line (the PDU hex in PDU mode, TS 27.005 §3.4.1).
	std::string pdu;
};

/// "line", "final", "prompt", "urc", "echo", "overflow".
std::string_view atEventKindName(AtEvent::Kind kind) noexcept;

/// \brief The response prefix of a command line: "AT+CUSD=1,..." -> "+CUSD",
/// "AT^HCSQ?" -> "^HCSQ", "ATI" / "AT" -> "" (basic commands have none).
std::string commandResponsePrefix(std::string_view commandLine);

/// \brief I/O-free splitter of the byte stream from a modem's AT port into events.
///
/// The AT channel writes a command, calls beginCommand() with it, then feed()s every
/// chunk it reads and drains next() until it is empty. The framer:
///  - splits lines on CR LF, bare LF or bare CR (V.250 §5.7.1 frames responses as
///    <CR><LF>text<CR><LF> with the S3/S4 defaults; the echo ends in a bare CR, some
///    firmwares send a bare LF), skips empty lines, NUL bytes and lines of only ESC /
///    Ctrl-Z (the host's own abort characters echoed back), and gives the same events
///    however the bytes are chunked;
///  - removes the echo of the command line (ATE1), also when the echo has no line end
///    and is glued to the response, and echoes arriving with no command in flight;
///  - recognises the "> " prompt (no line end) only while AT+CMGS/CMGW/CMGC waits for it;
///  - tells information text of the command from URCs by the command's response prefix
///    and a table of known URC names; +CUSD is always a URC (the reply to AT+CUSD=1,...
///    comes after OK), except for AT+CUSD? and AT+CUSD=?;
///  - joins +CMT/+CDS/+CBM with the next line (the PDU), even with a command in flight;
///  - joins a +CUSD whose quoted text spans several lines (text-mode USSD with line
///    breaks, seen from Telstra in python-gsmmodem #20) into one event, lines joined
///    with '\n' (blank lines inside the text are lost). It is held until the quote
///    closes, a final result / command echo / new +CUSD arrives (then it goes out as
///    it is), or it reaches kMaxLineLength;
///  - ends the command itself when it emits its Final event;
///  - caps lines at kMaxLineLength bytes (Overflow event, rest of that line dropped) so
///    memory stays bounded whatever arrives.
/// Only verbose result codes are recognised: the channel must keep ATV1 (V.250 §6.2.6),
/// which every modem defaults to. It must also keep AT+CMEE at 1 or 2 to get +CME ERROR
/// numbers or texts instead of a bare ERROR (TS 27.007 §9.1).
class AtFramer
{
public:
	static constexpr std::size_t kMaxLineLength = 4096;
	/// Events not yet taken with next() beyond which the oldest are dropped (a caller
	/// that never drains must not make memory grow without bound).
	static constexpr std::size_t kMaxQueuedEvents = 1024;

	/// \brief A command was written. \a commandLine is what was sent, with or without
	/// its CR ("AT+CUSD=1,\"*100#\",15"). Replaces any command still in flight.
	void beginCommand(std::string_view commandLine);
	/// \brief The command was abandoned (timeout, cancel). Not needed after a Final event.
	void endCommand();
	/// \brief After a Prompt event the channel is about to write \a payload (PDU hex +
	/// Ctrl-Z); call this before the write so that its echo (ATE1) becomes an Echo event
	/// instead of a Line. Until the command ends, Ctrl-Z and ESC also end a line.
	void sentPayload(std::string_view payload);

	/// \brief Bytes read from the port, split anywhere.
	void feed(std::string_view bytes);
	/// \brief The next event, oldest first, or nothing when all fed bytes are consumed.
	std::optional<AtEvent> next();

	/// \brief Forget everything (partial line, command, queued events), e.g. after reopening.
	void reset();

	bool commandInFlight() const noexcept { return inCommand_; }
	/// Bytes of the line being assembled (always <= kMaxLineLength).
	std::size_t pendingBytes() const noexcept { return line_.size(); }
	std::size_t queuedEvents() const noexcept { return events_.size(); }
	/// Events dropped because more than kMaxQueuedEvents were waiting.
	std::size_t droppedEvents() const noexcept { return dropped_; }

private:
	void onByte(char c);
	void endLine();
	void classify(std::string line);
	bool matchesEcho(std::string_view line) const;
	void push(AtEvent ev);
	void flushPendingUrc();
	bool continueCusd(std::string &line);

	std::string line_;
	bool discarding_ = false;   ///< dropping the rest of an overflowed line
	bool swallowSpace_ = false; ///< a '>' prompt was emitted; drop its ' '

	bool inCommand_ = false;
	std::string command_;       ///< command line as sent, without CR
	std::string lastCommand_;   ///< for late echoes after the command ended
	std::string prefix_;        ///< "+CUSD", "" for basic commands
	bool cusdQuery_ = false;    ///< AT+CUSD? / AT+CUSD=?: +CUSD lines are information text
	bool echoPending_ = false;
	bool expectPrompt_ = false;
	std::string payload_;       ///< payload whose echo is expected (after the prompt)

	std::optional<AtEvent> pendingUrc_; ///< +CMT/+CDS/+CBM header waiting for its PDU line
	std::optional<AtEvent> pendingCusd_; ///< +CUSD whose quoted text is not closed yet

	std::deque<AtEvent> events_;
	std::size_t dropped_ = 0;
};

} /* namespace zanryo */
