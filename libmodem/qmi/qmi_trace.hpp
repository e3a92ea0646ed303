#pragma once

// The QMI backend's wire trace (zanryod trace = true / --debug, zanryoctl --trace):
// libqmi's own message traces (qmi_utils_set_traces_enabled) caught with a GLib log
// handler for its "Qmi" domain, summarised by summariseQmiTrace() and written to the
// log sink as trace records under the modem's name. libqmi's traces are process-wide:
// they are switched on when the first port that wants them is attached, and a port's
// messages are written only when that port (or the Trace level) asks for them.
// Internal to libmodem/qmi.

#include <string>

namespace zanryo {

/// \brief Trace the messages of the port \a path under \a name, if \a trace or the log
/// level is Trace; otherwise only remembers that it is not traced. Any thread.
void qmiTraceAttach(const std::string &path, const std::string &name, bool trace);
/// \brief Forget \a path (its QmiModem is gone).
void qmiTraceDetach(const std::string &path);

} /* namespace zanryo */
