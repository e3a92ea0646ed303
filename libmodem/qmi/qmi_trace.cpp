#include "libmodem/qmi/qmi_trace.hpp"

#include <map>
#include <mutex>

#include <libqmi-glib.h>

#include "libmodem/log/log.hpp"
#include "libmodem/qmi/qmi_trace_text.hpp"

namespace zanryo {

namespace {

struct TracedPort {
	std::string name;
	bool trace = false;
};

std::mutex portsMutex;
std::map<std::string, TracedPort> ports;
bool handlerInstalled = false;

// Runs on the GLib thread of the backend, for every message of libqmi's "Qmi" domain.
void onQmiLog(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer)
{
	// Warnings and worse go where they went before this handler existed.
	if (!(level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO))) {
		g_log_default_handler(domain, level, message, nullptr);
		return;
	}
	if (!message)
		return;
	auto summary = summariseQmiTrace(message, log::unmasked());
	if (!summary)
		return;  // the raw frame dumps and libqmi's progress messages
	std::string name;
	{
		std::lock_guard lock(portsMutex);
		auto it = ports.find(summary->device);
		if (it == ports.end() || !(it->second.trace || log::enabled(log::Level::Trace)))
			return;
		name = it->second.name.empty() ? it->first : it->second.name;
	}
	std::string line = log::timestamp() + " " + summary->text;
	log::emit(log::Record{ log::Level::Trace, name, line });
}

} /* namespace */

void qmiTraceAttach(const std::string &path, const std::string &name, bool trace)
{
	std::lock_guard lock(portsMutex);
	ports[path] = TracedPort{ name, trace };
	if (!trace && !log::enabled(log::Level::Trace))
		return;
	// libqmi hides the TLVs it marks personal unless asked (libqmi >= 1.30); the
	// summary shows no other value anyway unless unmasked.
	qmi_utils_set_show_personal_info(log::unmasked() ? TRUE : FALSE);
	qmi_utils_set_traces_enabled(TRUE);
	if (!handlerInstalled) {
		g_log_set_handler("Qmi", static_cast<GLogLevelFlags>(G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION),
				  onQmiLog, nullptr);
		handlerInstalled = true;
	}
}

void qmiTraceDetach(const std::string &path)
{
	std::lock_guard lock(portsMutex);
	ports.erase(path);
}

} /* namespace zanryo */
