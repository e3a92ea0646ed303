#pragma once

// QmiModem's state, shared by the backend's source files (qmi_modem.cpp: open, close,
// identity, USSD; qmi_wms.cpp: SMS). Internal to libmodem/qmi: it includes GLib and
// libqmi, so nothing outside this folder may include it.

#include <atomic>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include <boost/asio/async_result.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "libmodem/backend/sms_inbox_driver.hpp"
#include "libmodem/backend/ussd_driver.hpp"
#include "libmodem/qmi/qmi_glib.hpp"
#include "libmodem/qmi/qmi_modem.hpp"

namespace zanryo {

namespace asio = boost::asio;

struct QmiModem::Impl : std::enable_shared_from_this<Impl>, UssdTransport {
	/// One USSD event from the GLib side: the Originate response (final), a USSD
	/// indication, or a Release USSD indication.
	struct UssdEvent {
		enum class Kind { Final, Indication, Released } kind;
		unsigned generation;
		Result<UssdReply> reply;
	};

	Impl(asio::any_io_executor ex, std::string p, QmiModemOptions o)
		: executor(std::move(ex)), path(std::move(p)), options(o), reopenTimer(executor)
	{
		UssdSession::Options session;
		session.staleAfter = options.ussdStaleAfter;
		session.terminatedGrace = options.ussdTerminatedGrace;
		session.menuIdleTimeout = options.ussdMenuTimeout;
		ussd = std::make_unique<UssdDriver>(executor, *this, session);
		SmsInbox::Options sms;
		sms.assembly = options.sms;
		inbox = std::make_unique<SmsInboxDriver>(executor, sms, nullptr, [this](const SmsMessage &m) {
			if (handlers.smsReceived)
				handlers.smsReceived(m);
		});
		context = g_main_context_new();
		loop = g_main_loop_new(context, FALSE);
		cancellable = g_cancellable_new();
		thread = std::thread([this] {
			g_main_context_push_thread_default(context);
			g_main_loop_run(loop);
			g_main_context_pop_thread_default(context);
		});
	}

	/// Stop the GLib thread and drop every libqmi object. Called from ~QmiModem.
	void shutdown()
	{
		if (!thread.joinable())
			return;
		invoke([this] {
			g_cancellable_cancel(cancellable);
			disconnectSignals();
			g_main_loop_quit(loop);
		});
		thread.join();
		// The loop has stopped: objects are released here with the context as thread
		// default, so whatever they schedule lands in it and is dropped with it.
		g_main_context_push_thread_default(context);
		g_clear_object(&dms);
		g_clear_object(&nas);
		g_clear_object(&voice);
		g_clear_object(&wms);
		g_clear_object(&wds);
		g_clear_object(&uim);
		g_clear_object(&device);
		g_clear_object(&cancellable);
		g_main_context_pop_thread_default(context);
		g_main_loop_unref(loop);
		g_main_context_unref(context);
	}

	/// Run \a fn on the GLib thread.
	void invoke(std::function<void()> fn)
	{
		auto *p = new std::function<void()>(std::move(fn));
		g_main_context_invoke_full(
			context, G_PRIORITY_DEFAULT,
			[](gpointer d) -> gboolean {
				(*static_cast<std::function<void()> *>(d))();
				return G_SOURCE_REMOVE;
			},
			p, [](gpointer d) { delete static_cast<std::function<void()> *>(d); });
	}

	/// Start \a start on the GLib thread and await the Result it hands to its Done,
	/// which resumes the caller on the modem's executor (asio::post).
	///
	/// GCC 12 destroys a by-value argument of a coroutine twice when the call is the
	/// operand of co_await, and Boost 1.74's use_awaitable initiate() is such a
	/// coroutine: the initiation object given to it therefore holds only a raw pointer,
	/// and the state it points to is owned by hand.
	template<typename T>
	asio::awaitable<Result<T>> call(std::function<void(Done<T>)> start)
	{
		struct Op {
			std::shared_ptr<Impl> self;
			std::function<void(Done<T>)> start;
		};
		Op *op = new Op{ shared_from_this(), std::move(start) };
		return asio::async_initiate<const asio::use_awaitable_t<> &, void(Result<T>)>(
			[op](auto handler) {
				std::unique_ptr<Op> owned(op);
				using Handler = decltype(handler);
				auto h = std::make_shared<Handler>(std::move(handler));
				// Tracked work keeps io_context::run() going while GLib has the request.
				auto work = asio::prefer(owned->self->executor, asio::execution::outstanding_work.tracked);
				Done<T> done = [h, work](Result<T> r) {
					auto rp = std::make_shared<Result<T>>(std::move(r));
					asio::post(work, [h, rp]() mutable { (*h)(std::move(*rp)); });
				};
				owned->self->invoke([s = std::move(owned->start), done]() mutable { s(done); });
			},
			asio::use_awaitable);
	}

	/// Hand a GLib-side event to the executor.
	void postEvent(UssdEvent ev)
	{
		auto self = shared_from_this();
		auto evp = std::make_shared<UssdEvent>(std::move(ev));
		asio::post(executor, [self, evp] { self->onUssdEvent(std::move(*evp)); });
	}

	// ---- GLib thread ----------------------------------------------------------------

	static void onUssdIndication(QmiClientVoice *, QmiIndicationVoiceUssdOutput *out, gpointer data)
	{
		auto *self = static_cast<Impl *>(data);
		QmiVoiceUserAction action = QMI_VOICE_USER_ACTION_UNKNOWN;
		qmi_indication_voice_ussd_output_get_user_action(out, &action, nullptr);
		GArray *utf16 = nullptr, *bytes = nullptr;
		QmiVoiceUssDataCodingScheme scheme = QMI_VOICE_USS_DATA_CODING_SCHEME_UNKNOWN;
		qmi_indication_voice_ussd_output_get_uss_data_utf16(out, &utf16, nullptr);
		bool have = qmi_indication_voice_ussd_output_get_uss_data(out, &scheme, &bytes, nullptr);
		UssdReply reply;
		reply.status = action == QMI_VOICE_USER_ACTION_REQUIRED ? UssdStatus::ActionRequired : UssdStatus::Done;
		reply.text = ussText(utf16, scheme, bytes, have);
		reply.raw = ussRaw(utf16, scheme, bytes, have);
		self->postEvent(UssdEvent{ UssdEvent::Kind::Indication, 0, reply });
	}

	static void onReleaseUssd(QmiClientVoice *, gpointer data)
	{
		auto *self = static_cast<Impl *>(data);
		UssdReply reply;
		reply.status = UssdStatus::Terminated;
		reply.raw = "release-ussd";
		self->postEvent(UssdEvent{ UssdEvent::Kind::Released, 0, reply });
	}

	void connectSignals()
	{
		if (!voice)
			return;
		ussdSignal = g_signal_connect(voice, "ussd", G_CALLBACK(onUssdIndication), this);
		releaseSignal = g_signal_connect(voice, "release-ussd", G_CALLBACK(onReleaseUssd), this);
	}

	void disconnectSignals()
	{
		disconnectWmsSignals();
		if (device && removedSignal)
			g_signal_handler_disconnect(device, removedSignal);
		removedSignal = 0;
		if (voice && ussdSignal)
			g_signal_handler_disconnect(voice, ussdSignal);
		if (voice && releaseSignal)
			g_signal_handler_disconnect(voice, releaseSignal);
		ussdSignal = releaseSignal = 0;
	}

	/// VOICE Originate USSD; its response is the session's final answer, which can come
	/// after menus and answers, so it arrives as an event.
	void originate(QmiUssData data, unsigned generation, guint timeoutSec)
	{
		QmiMessageVoiceOriginateUssdInput *in = qmi_message_voice_originate_ussd_input_new();
		GArray *bytes = byteArray(data.bytes);
		qmi_message_voice_originate_ussd_input_set_uss_data(
			in, static_cast<QmiVoiceUssDataCodingScheme>(data.scheme), bytes, nullptr);
		g_array_unref(bytes);
		qmi_client_voice_originate_ussd(
			QMI_CLIENT_VOICE(voice), in, timeoutSec, cancellable, onReady,
			ready([this, generation](GObject *src, GAsyncResult *res) {
				GError *err = nullptr;
				auto *out = qmi_client_voice_originate_ussd_finish(QMI_CLIENT_VOICE(src), res, &err);
				if (!out || !qmi_message_voice_originate_ussd_output_get_result(out, &err)) {
					if (out)
						qmi_message_voice_originate_ussd_output_unref(out);
					postEvent(UssdEvent{ UssdEvent::Kind::Final, generation,
							     fromGError(err, "VOICE Originate USSD") });
					return;
				}
				GArray *utf16 = nullptr, *bytesOut = nullptr;
				QmiVoiceUssDataCodingScheme scheme = QMI_VOICE_USS_DATA_CODING_SCHEME_UNKNOWN;
				qmi_message_voice_originate_ussd_output_get_uss_data_utf16(out, &utf16, nullptr);
				bool have = qmi_message_voice_originate_ussd_output_get_uss_data(out, &scheme, &bytesOut, nullptr);
				UssdReply reply;
				reply.status = UssdStatus::Done;
				reply.text = ussText(utf16, scheme, bytesOut, have);
				reply.raw = ussRaw(utf16, scheme, bytesOut, have);
				qmi_message_voice_originate_ussd_output_unref(out);
				postEvent(UssdEvent{ UssdEvent::Kind::Final, generation, reply });
			}));
		qmi_message_voice_originate_ussd_input_unref(in);
	}

	void voiceCancelUssd(Done<void> done)
	{
		qmi_client_voice_cancel_ussd(QMI_CLIENT_VOICE(voice), nullptr, seconds(options.requestTimeout),
					     cancellable, onReady,
					     ready([done](GObject *src, GAsyncResult *res) {
						     GError *err = nullptr;
						     auto *out = qmi_client_voice_cancel_ussd_finish(QMI_CLIENT_VOICE(src), res, &err);
						     if (out && qmi_message_voice_cancel_ussd_output_get_result(out, &err)) {
							     qmi_message_voice_cancel_ussd_output_unref(out);
							     return done({});
						     }
						     if (out)
							     qmi_message_voice_cancel_ussd_output_unref(out);
						     done(fromGError(err, "VOICE Cancel USSD"));
					     }));
	}

	// ---- executor ---------------------------------------------------------------------

	/// A USSD event from the GLib side, correlated with our requests (generation,
	/// our own Cancel's release) and handed to the session, which decides (qmi_modem.cpp).
	void onUssdEvent(UssdEvent ev);

	// UssdTransport (qmi_modem.cpp): Originate or Answer USSD, Cancel USSD, networkUssd.
	asio::awaitable<Result<void>> sendUssd(std::string text, bool menuAnswer,
					       Modem::Duration timeout) override;
	asio::awaitable<Result<void>> cancelUssd() override;
	void notifyUssd(const UssdReply &reply) override;
	asio::awaitable<Result<void>> voiceCancel(std::shared_ptr<Impl> self);

	/// Release the clients (RELEASE_CID) and close the device; what still waits on it
	/// ends as cancelled. Used by close() and by an open() that fails half way.
	asio::awaitable<Result<void>> releaseAll()
	{
		auto impl = shared_from_this();
		return call<void>([impl](Done<void> done) {
			// Whatever still waits on the device ends as cancelled.
			g_cancellable_cancel(impl->cancellable);
			impl->disconnectSignals();
			auto clients = std::make_shared<std::vector<QmiClient *>>();
			for (QmiClient **c : { &impl->uim, &impl->wds, &impl->wms, &impl->voice, &impl->nas, &impl->dms })
				if (*c)
					clients->push_back(std::exchange(*c, nullptr));
			auto step = std::make_shared<std::function<void()>>();
			*step = [impl, clients, step, done]() {
				if (!impl->device) {
					Done<void> finish = done;
					*step = nullptr;  // destroys this lambda: only locals from here on
					return finish({});
				}
				if (!clients->empty()) {
					QmiClient *c = clients->back();
					clients->pop_back();
					qmi_device_release_client(impl->device, c, QMI_DEVICE_RELEASE_CLIENT_FLAGS_RELEASE_CID, 1,
								  nullptr, onReady, ready([c, step](GObject *src, GAsyncResult *res) {
									  qmi_device_release_client_finish(QMI_DEVICE(src), res, nullptr);
									  g_object_unref(c);
									  (*step)();
								  }));
					return;
				}
				qmi_device_close_async(impl->device, 1, nullptr, onReady,
						       ready([impl, step, done](GObject *src, GAsyncResult *res) {
							       qmi_device_close_finish(QMI_DEVICE(src), res, nullptr);
							       g_clear_object(&impl->device);
							       *step = nullptr;
							       done({});
						       }));
			};
			(*step)();
		});
	}

	Result<void> voiceReady() const
	{
		if (state.load() != ModemState::Ready)
			return notReady();
		if (!voiceAvailable)
			return makeError(Errc::Unsupported,
					 fmt::format("USSD over QMI needs the VOICE service: {}", voiceMissing));
		return {};
	}

	asio::awaitable<Result<void>> allocate(QmiService service, QmiClient **slot, const char *name)
	{
		guint timeout = seconds(options.openTimeout);
		// Named first: see call() on GCC 12 and temporaries under co_await.
		auto op1 = call<void>([this, service, slot, name, timeout](Done<void> done) {
			qmi_device_allocate_client(device, service, QMI_CID_NONE, timeout, cancellable, onReady,
						   ready([slot, name, done](GObject *src, GAsyncResult *res) {
							   GError *err = nullptr;
							   QmiClient *c = qmi_device_allocate_client_finish(QMI_DEVICE(src), res, &err);
							   if (!c)
								   return done(fromGError(err, fmt::format("allocating a {} client", name)));
							   *slot = c;
							   done({});
						   }));
		});
		co_return co_await std::move(op1);
	}

	asio::any_io_executor executor;
	std::string path;
	QmiModemOptions options;

	// GLib thread only (created and destroyed around it).
	GMainContext *context = nullptr;
	GMainLoop *loop = nullptr;
	std::thread thread;
	GCancellable *cancellable = nullptr;
	QmiDevice *device = nullptr;
	QmiClient *dms = nullptr;
	QmiClient *nas = nullptr;
	QmiClient *voice = nullptr;
	gulong ussdSignal = 0;
	gulong releaseSignal = 0;
	QmiClient *wms = nullptr;
	QmiClient *wds = nullptr;
	QmiClient *uim = nullptr;
	gulong wmsEventSignal = 0;

	// Executor only.
	std::atomic<ModemState> state{ ModemState::Closed };
	ModemEventHandlers handlers;
	std::optional<ModemIdentity> identity;
	bool voiceAvailable = false;
	std::string voiceMissing;
	bool closing = false;
	/// The USSD session; its rules are UssdSession's. What stays here is wire
	/// correlation only: which Originate a final answer belongs to, and whether a
	/// Release indication is the echo of our own Cancel USSD.
	std::unique_ptr<UssdDriver> ussd;
	bool ussdReleaseExpected = false;  ///< we sent Cancel USSD: its Release indication is ours
	unsigned ussdGeneration = 0;       ///< of the Originate USSD in flight

	// ---- open, close, reopen (qmi_open.cpp) -------------------------------------------

	void setState(ModemState s);
	/// What a query gets when the modem is not Ready: DeviceGone while Gone or Absent,
	/// Cancelled when closed.
	Error notReady() const;
	/// qmi_device_new, qmi_device_open, the clients and their set-up; on failure what
	/// was allocated is released. The caller sets the state.
	asio::awaitable<Result<void>> connect();
	static void onDeviceRemoved(QmiDevice *device, gpointer data);  // GLib thread
	void deviceGone();
	asio::awaitable<void> reopenLoop();

	gulong removedSignal = 0;
	asio::steady_timer reopenTimer;
	unsigned reopens = 0;

	// ---- SIM files over UIM (qmi_uim.cpp) --------------------------------------------

	/// UIM Read Transparent of a whole elementary file. \a path: the DFs above it, each
	/// a 16-bit file id (TS 102 221 §8.4.2).
	asio::awaitable<Result<std::vector<std::uint8_t>>> readSimFile(std::uint16_t fileId,
								       std::vector<std::uint16_t> path,
								       std::string what);
	/// EF_IMSI, EF_ICCID or EF_SPN decoded (\a which: 'i', 'c', 's').
	asio::awaitable<Result<std::string>> simFileText(char which);
	bool uimAvailable = false;

	// ---- SMS over WMS (qmi_wms.cpp) ---------------------------------------------------

	// GLib thread.
	void connectWmsSignals();
	void disconnectWmsSignals();
	static void onWmsEventReport(QmiClientWms *client, QmiIndicationWmsEventReportOutput *out, gpointer data);

	// Executor.
	/// Routes (store and notify) and the new-message event report; both optional.
	asio::awaitable<void> setupWms();
	Result<void> wmsReady() const;
	/// Raw Read of one stored message; \a storage is a QmiWmsStorageType.
	asio::awaitable<Result<std::vector<std::uint8_t>>> rawRead(std::uint8_t storage, std::uint32_t index);
	asio::awaitable<Result<void>> deleteStored(std::uint8_t storage, std::uint32_t index);
	/// A new message the event report announced in storage: read it and take it; it
	/// stays stored until its reader deletes it (QmiModem::deleteStoredSms()).
	asio::awaitable<void> receiveStored(std::uint8_t storage, std::uint32_t index);
	/// One received PDU (SMSC part first, as WMS gives GSM/WCDMA messages) to the inbox.
	void takePdu(const std::vector<std::uint8_t> &pdu, int storageIndex);

	bool wmsAvailable = false;
	bool wdsAvailable = false;  ///< WDS: packet statistics (qmi_wds.cpp)
	std::string wdsMissing;
	std::string wmsMissing;
	/// Reassembly, the recent ring, waiters and expiry: SmsInbox's (no part store:
	/// QmiModem keeps unfinished parts in memory only, as before).
	std::unique_ptr<SmsInboxDriver> inbox;
	std::uint16_t concatRef = 0;
};

} /* namespace zanryo */
