#include "log_sink.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>

#include <sys/stat.h>
#include <sys/uio.h>
#include <systemd/sd-journal.h>

#include <fmt/core.h>

#include "libmodem/log/log.hpp"

namespace zanryo {

namespace {

void journalSink(const log::Record &r)
{
	std::string message = fmt::format("MESSAGE={}", log::formatRecord(r));
	std::string priority = fmt::format("PRIORITY={}", log::syslogPriority(r.level));
	std::string modem = fmt::format("ZANRYO_MODEM={}", r.modem);
	std::string_view identifier = "SYSLOG_IDENTIFIER=zanryod";
	std::string_view traced = "ZANRYO_TRACE=1";
	iovec iov[5];
	int n = 0;
	auto add = [&](std::string_view s) {
		iov[n].iov_base = const_cast<char *>(s.data());
		iov[n].iov_len = s.size();
		++n;
	};
	add(message);
	add(priority);
	add(identifier);
	if (!r.modem.empty())
		add(modem);
	if (r.level == log::Level::Trace)
		add(traced);
	if (sd_journal_sendv(iov, n) < 0) {
		// The journal went away (it is restarting): the record still goes somewhere.
		std::string line = fmt::format("<{}>{}\n", log::syslogPriority(r.level), log::formatRecord(r));
		std::fwrite(line.data(), 1, line.size(), stderr);
	}
}

void prefixedSink(const log::Record &r)
{
	// One fwrite per record: journald and a pipe see whole lines.
	std::string line = fmt::format("<{}>{}\n", log::syslogPriority(r.level), log::formatRecord(r));
	std::fwrite(line.data(), 1, line.size(), stderr);
	std::fflush(stderr);
}

} /* namespace */

LogOutput chooseLogOutput(const char *journalStream, const char *invocationId, bool stderrKnown,
			  unsigned long long stderrDev, unsigned long long stderrIno)
{
	if (journalStream && *journalStream) {
		unsigned long long dev = 0, ino = 0;
		// systemd.exec(5): "device:inode" in decimal; stderr may have been redirected
		// since, in which case the variable is stale.
		if (std::sscanf(journalStream, "%llu:%llu", &dev, &ino) == 2 && stderrKnown && dev == stderrDev &&
		    ino == stderrIno)
			return LogOutput::Journal;
		return LogOutput::Prefixed;
	}
	if (invocationId && *invocationId)
		return LogOutput::Prefixed;
	return LogOutput::Text;
}

LogOutput detectLogOutput()
{
	struct stat st {};
	bool known = ::fstat(2, &st) == 0;
	return chooseLogOutput(std::getenv("JOURNAL_STREAM"), std::getenv("INVOCATION_ID"), known,
			       known ? static_cast<unsigned long long>(st.st_dev) : 0,
			       known ? static_cast<unsigned long long>(st.st_ino) : 0);
}

void installLogSink(LogOutput output)
{
	switch (output) {
	case LogOutput::Journal:
		log::setSink(journalSink);
		return;
	case LogOutput::Prefixed:
		log::setSink(prefixedSink);
		return;
	case LogOutput::Text:
		log::setSink(log::stderrSink);
		return;
	}
}

} /* namespace zanryo */
