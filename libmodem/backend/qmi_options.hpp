#pragma once

// The options of the QMI backend, apart from QmiModem (libmodem/qmi/qmi_modem.hpp) so
// that a program that loads the backend as a module (qmi_module.hpp) can fill them in
// without linking it.

#include <chrono>
#include <string>

#include "libmodem/backend/sms_assembler.hpp"

namespace zanryo {

/// \brief How QmiModem opens and talks to the QMI control port.
struct QmiModemOptions {
	/// Go through the qmi-proxy (QMI_DEVICE_OPEN_FLAGS_PROXY) so that ModemManager or
	/// qmicli can use the same /dev/cdc-wdm0 at the same time.
	bool useProxy = false;
	/// Time limit of every request that is not a USSD exchange (libqmi counts whole
	/// seconds; shorter values are rounded up to one second).
	std::chrono::milliseconds requestTimeout{ 10000 };
	/// Time limit for opening the port and allocating the clients.
	std::chrono::milliseconds openTimeout{ 15000 };
	/// When the port vanishes (state Gone), the first reopen attempt comes after this
	/// delay; each failed attempt doubles it, up to reopenMaxDelay.
	std::chrono::milliseconds reopenInitialDelay{ 100 };
	std::chrono::milliseconds reopenMaxDelay{ 5000 };
	/// Time limit of one WMS Raw Send (the network may take a while to accept a part).
	std::chrono::milliseconds smsSendTimeout{ 60000 };
	/// Multipart SMS reassembly.
	SmsAssembler::Options sms;
	/// A USSD menu left open longer than this is cancelled by the next ussdInitiate()
	/// instead of answering Busy (UssdSession::Options::staleAfter).
	std::chrono::milliseconds ussdStaleAfter{ 120000 };
	/// An open USSD menu nobody answers for this long is cancelled (VOICE Cancel USSD);
	/// zero: kept open (zanryod's `ussd_menu_timeout`).
	std::chrono::milliseconds ussdMenuTimeout{ 180000 };
	/// How long a release with text waits for an answer that may follow.
	std::chrono::milliseconds ussdTerminatedGrace{ 3000 };
	/// The modem's name in trace records (its configured name); empty: the path.
	std::string traceName;
	/// Trace this port's QMI messages whatever the log level (zanryod's `trace = true`,
	/// zanryoctl --trace); they are traced anyway at log::Level::Trace (zanryod --debug).
	bool trace = false;
	// Nothing is deleted from the modem's storage by reading it: the caller deletes the
	// messages it consumed with Modem::deleteStoredSms() (modem.hpp, storage policy).
};

} /* namespace zanryo */
