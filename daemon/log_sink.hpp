#pragma once

// Where zanryod's log records go (libmodem/log/log.hpp): the journal, natively, when
// stderr is connected to it; stderr with sd-daemon(3) "<N>" prefixes under systemd
// otherwise (StandardError=file: or syslog); readable text on a terminal or in a test.

#include <string_view>

namespace zanryo {

enum class LogOutput {
	Journal,  ///< sd_journal_send(): PRIORITY, SYSLOG_IDENTIFIER, ZANRYO_MODEM fields
	Prefixed, ///< "<6>sim1: answers again" on stderr
	Text,     ///< "info: sim1: answers again" on stderr
};

/// \brief Which output fits: \a journalStream is $JOURNAL_STREAM ("dev:inode" of the
/// journal's stream, systemd.exec(5)), \a invocationId $INVOCATION_ID (set by systemd for
/// every service); \a stderrDev / \a stderrIno what fstat(2) says of fd 2 (\a stderrKnown
/// false when it could not say).
LogOutput chooseLogOutput(const char *journalStream, const char *invocationId, bool stderrKnown,
			  unsigned long long stderrDev, unsigned long long stderrIno);

/// \brief Set the log sink for \a output and the environment of this process.
void installLogSink(LogOutput output);
/// \brief chooseLogOutput() for this process.
LogOutput detectLogOutput();

} /* namespace zanryo */
