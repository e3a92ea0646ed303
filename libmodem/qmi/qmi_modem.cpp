#include "libmodem/qmi/qmi_modem.hpp"

#include <atomic>
#include <deque>
#include <functional>
#include <optional>
#include <thread>
#include <tuple>
#include <unistd.h>

#include <boost/asio/async_result.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <fmt/format.h>
#include <libqmi-glib.h>

#include "libmodem/qmi/qmi_ussd_text.hpp"

namespace zanryo {

namespace asio = boost::asio;

namespace {

template<typename T>
using Done = std::function<void(Result<T>)>;

/// A GAsyncReadyCallback target: the std::function travels as user_data.
struct Ready {
	std::function<void(GObject *, GAsyncResult *)> fn;
};

void onReady(GObject *source, GAsyncResult *res, gpointer data)
{
	std::unique_ptr<Ready> r(static_cast<Ready *>(data));
	r->fn(source, res);
}

gpointer ready(std::function<void(GObject *, GAsyncResult *)> fn)
{
	return new Ready{ std::move(fn) };
}

guint seconds(std::chrono::milliseconds ms)
{
	auto s = (ms.count() + 999) / 1000;
	return static_cast<guint>(s < 1 ? 1 : s);
}

/// One GError to one Error; the GError is freed. \a what names the request
/// ("DMS Get Manufacturer"). Protocol errors keep libqmi's name of the error.
Error fromGError(GError *e, std::string_view what)
{
	Errc code = Errc::ModemError;
	std::string text;
	if (e->domain == QMI_PROTOCOL_ERROR) {
		// A switch over the int: libqmi's enums are not ours to list in full.
		switch (e->code) {
		case QMI_PROTOCOL_ERROR_NOT_SUPPORTED:
		case QMI_PROTOCOL_ERROR_INVALID_QMI_COMMAND:
		case QMI_PROTOCOL_ERROR_INVALID_SERVICE_TYPE:
			code = Errc::Unsupported;
			break;
		case QMI_PROTOCOL_ERROR_SUPS_FAILURE_CASE:
		case QMI_PROTOCOL_ERROR_NETWORK_ABORTED:
		case QMI_PROTOCOL_ERROR_NO_NETWORK_FOUND:
		case QMI_PROTOCOL_ERROR_NETWORK_NOT_READY:
			code = Errc::NetworkError;
			break;
		case QMI_PROTOCOL_ERROR_ABORTED:
			code = Errc::Cancelled;
			break;
		case QMI_PROTOCOL_ERROR_OPERATION_IN_PROGRESS:
		case QMI_PROTOCOL_ERROR_DEVICE_NOT_READY:
			code = Errc::Busy;
			break;
		case QMI_PROTOCOL_ERROR_INVALID_ARGUMENT:
		case QMI_PROTOCOL_ERROR_MISSING_ARGUMENT:
			code = Errc::InvalidValue;
			break;
		default:
			code = Errc::ModemError;
			break;
		}
		const char *name = qmi_protocol_error_get_string(static_cast<QmiProtocolError>(e->code));
		text = fmt::format("{}: QMI protocol error: {} ({})", what, name ? name : "unknown", e->code);
	} else if (e->domain == QMI_CORE_ERROR) {
		switch (e->code) {
		case QMI_CORE_ERROR_TIMEOUT:
			code = Errc::Timeout;
			break;
		case QMI_CORE_ERROR_UNSUPPORTED:
			code = Errc::Unsupported;
			break;
		case QMI_CORE_ERROR_WRONG_STATE:
			code = Errc::DeviceGone;
			break;
		case QMI_CORE_ERROR_INVALID_MESSAGE:
		case QMI_CORE_ERROR_TLV_NOT_FOUND:
		case QMI_CORE_ERROR_TLV_TOO_LONG:
		case QMI_CORE_ERROR_TLV_EMPTY:
		case QMI_CORE_ERROR_UNEXPECTED_MESSAGE:
		case QMI_CORE_ERROR_INVALID_DATA:
			code = Errc::Malformed;
			break;
		default:
			code = Errc::ModemError;
			break;
		}
		text = fmt::format("{}: {}", what, e->message);
	} else if (g_error_matches(e, G_IO_ERROR, G_IO_ERROR_CANCELLED)) {
		code = Errc::Cancelled;
		text = fmt::format("{}: cancelled", what);
	} else {
		code = e->domain == G_IO_ERROR ? Errc::DeviceGone : Errc::ModemError;
		text = fmt::format("{}: {}", what, e->message);
	}
	g_error_free(e);
	return makeError(code, std::move(text));
}

std::string gstr(const gchar *s)
{
	return s ? std::string(s) : std::string();
}

/// Text of the USS data TLVs: the UTF-16 one when the modem sent it, else the data by
/// its QMI coding scheme.
std::string ussText(GArray *utf16, QmiVoiceUssDataCodingScheme scheme, GArray *data, bool haveData)
{
	if (utf16 && utf16->len > 0)
		return decodeQmiUtf16({ reinterpret_cast<const std::uint16_t *>(utf16->data), utf16->len });
	if (!haveData || !data)
		return {};
	auto text = decodeQmiUssData(static_cast<QmiUssScheme>(scheme),
				     { reinterpret_cast<const std::uint8_t *>(data->data), data->len });
	return text ? *text : std::string();
}

std::string ussRaw(GArray *utf16, QmiVoiceUssDataCodingScheme scheme, GArray *data, bool haveData)
{
	if (utf16 && utf16->len > 0) {
		std::string out = "utf16:";
		for (guint i = 0; i < utf16->len; ++i)
			out += fmt::format("{:04X}", g_array_index(utf16, guint16, i));
		return out;
	}
	if (!haveData || !data)
		return {};
	std::string out = fmt::format("scheme {}:", static_cast<int>(scheme));
	for (guint i = 0; i < data->len; ++i)
		out += fmt::format("{:02X}", g_array_index(data, guint8, i));
	return out;
}

GArray *byteArray(const std::vector<std::uint8_t> &bytes)
{
	GArray *a = g_array_sized_new(FALSE, FALSE, 1, static_cast<guint>(bytes.size()));
	g_array_append_vals(a, bytes.data(), static_cast<guint>(bytes.size()));
	return a;
}

} /* namespace */

struct QmiModem::Impl : std::enable_shared_from_this<Impl> {
	/// One USSD event from the GLib side: the Originate response (final), a USSD
	/// indication, or a Release USSD indication.
	struct UssdEvent {
		enum class Kind { Final, Indication, Released } kind;
		unsigned generation;
		Result<UssdReply> reply;
	};

	Impl(asio::any_io_executor ex, std::string p, QmiModemOptions o)
		: executor(std::move(ex)), path(std::move(p)), options(o), wake(executor)
	{
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

	void cancelUssd(Done<void> done)
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

	void onUssdEvent(UssdEvent ev)
	{
		if (ev.kind == UssdEvent::Kind::Indication && !ussdActive) {
			// A USSD indication with no session of ours open: the network started it.
			UssdReply r = ev.reply.value();
			r.networkInitiated = true;
			if (handlers.networkUssd)
				handlers.networkUssd(r);
			return;
		}
		if (!ussdActive)
			return;
		if (ev.kind == UssdEvent::Kind::Final && ev.generation != ussdGeneration)
			return;  // the answer to a session that already timed out or was cancelled
		ussdEvents.push_back(std::move(ev));
		wake.cancel();
	}

	/// The next event of the open session, or Timeout (the session is then cancelled).
	asio::awaitable<Result<UssdReply>> nextUssd(std::chrono::milliseconds timeout)
	{
		auto deadline = std::chrono::steady_clock::now() + timeout;
		while (ussdEvents.empty()) {
			if (closing)
				co_return makeError(Errc::Cancelled, "USSD: the modem was closed");
			if (std::chrono::steady_clock::now() >= deadline) {
				endUssd();
				invoke([self = shared_from_this()] {
					if (self->voice)
						self->cancelUssd([](Result<void>) {});
				});
				co_return makeError(Errc::Timeout,
						    fmt::format("USSD: no answer from the network within {} ms", timeout.count()));
			}
			wake.expires_at(deadline);
			boost::system::error_code ec;
			co_await wake.async_wait(asio::redirect_error(asio::use_awaitable, ec));
		}
		UssdEvent ev = std::move(ussdEvents.front());
		ussdEvents.pop_front();
		if (!ev.reply.ok()) {
			endUssd();
			co_return ev.reply.error();
		}
		UssdReply r = ev.reply.value();
		// A menu keeps the session open; anything else ends it.
		if (r.status != UssdStatus::ActionRequired)
			endUssd();
		co_return r;
	}

	void endUssd()
	{
		ussdActive = false;
		ussdEvents.clear();
	}

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
			for (QmiClient **c : { &impl->voice, &impl->nas, &impl->dms })
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

	/// An open() that failed half way: release what it allocated, state Closed, \a e.
	asio::awaitable<Result<void>> failOpen(Error e)
	{
		auto released = releaseAll();
		co_await std::move(released);
		if (state.exchange(ModemState::Closed) != ModemState::Closed && handlers.stateChanged)
			handlers.stateChanged(ModemState::Closed);
		co_return e;
	}

	Result<void> voiceReady() const
	{
		if (state.load() != ModemState::Ready)
			return makeError(Errc::Cancelled, "QMI modem is not open");
		if (!voiceAvailable)
			return makeError(Errc::Unsupported,
					 fmt::format("USSD over QMI needs the VOICE service: {} (USSD through the "
						     "modem's AT port is a later step of the QMI backend)",
						     voiceMissing));
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

	// Executor only.
	std::atomic<ModemState> state{ ModemState::Closed };
	ModemEventHandlers handlers;
	std::optional<ModemIdentity> identity;
	bool voiceAvailable = false;
	std::string voiceMissing;
	bool closing = false;
	bool ussdActive = false;
	unsigned ussdGeneration = 0;
	std::deque<UssdEvent> ussdEvents;
	asio::steady_timer wake;
};

QmiModem::QmiModem(asio::any_io_executor executor, std::string devicePath, QmiModemOptions options)
	: path_(devicePath), impl_(std::make_shared<Impl>(std::move(executor), std::move(devicePath), options))
{
}

QmiModem::~QmiModem()
{
	impl_->shutdown();
}

ModemState QmiModem::state() const noexcept
{
	return impl_->state.load();
}

void QmiModem::setEventHandlers(ModemEventHandlers handlers)
{
	impl_->handlers = std::move(handlers);
}

namespace {

void setState(QmiModem::Impl &impl, ModemState s)
{
	if (impl.state.exchange(s) != s && impl.handlers.stateChanged)
		impl.handlers.stateChanged(s);
}

} /* namespace */

asio::awaitable<Result<void>> QmiModem::open()
{
	auto impl = impl_;
	if (impl->state.load() == ModemState::Ready)
		co_return Result<void>{};
	if (::access(path_.c_str(), F_OK) != 0)
		co_return makeError(Errc::DeviceGone, fmt::format("{}: no such QMI device", path_));
	impl->closing = false;
	setState(*impl, ModemState::Opening);


	auto op2 = impl->call<void>([impl](Done<void> done) {
		if (g_cancellable_is_cancelled(impl->cancellable)) {
			g_object_unref(impl->cancellable);
			impl->cancellable = g_cancellable_new();
		}
		GFile *file = g_file_new_for_path(impl->path.c_str());
		qmi_device_new(file, impl->cancellable, onReady,
			       ready([impl, done](GObject *, GAsyncResult *res) {
				       GError *err = nullptr;
				       QmiDevice *d = qmi_device_new_finish(res, &err);
				       if (!d)
					       return done(fromGError(err, fmt::format("{}: opening the QMI device", impl->path)));
				       impl->device = d;
				       done({});
			       }));
		g_object_unref(file);
	});
	auto made = co_await std::move(op2);
	if (!made) {
		auto failed = impl->failOpen(made.error());
		co_return co_await std::move(failed);
	}

	// VERSION_INFO: the service list tells whether VOICE exists before allocating it.
	// SYNC: releases client ids a previous user of the port left allocated.
	auto flags = static_cast<QmiDeviceOpenFlags>(QMI_DEVICE_OPEN_FLAGS_VERSION_INFO | QMI_DEVICE_OPEN_FLAGS_SYNC |
						     (impl->options.useProxy ? QMI_DEVICE_OPEN_FLAGS_PROXY : 0));
	guint openTimeout = seconds(impl->options.openTimeout);
	auto op3 = impl->call<void>([impl, flags, openTimeout](Done<void> done) {
		qmi_device_open(impl->device, flags, openTimeout, impl->cancellable, onReady,
				ready([impl, done](GObject *src, GAsyncResult *res) {
					GError *err = nullptr;
					if (!qmi_device_open_finish(QMI_DEVICE(src), res, &err))
						return done(fromGError(err, fmt::format("{}: opening the QMI device", impl->path)));
					done({});
				}));
	});
	auto opened = co_await std::move(op3);
	if (!opened) {
		Error e = opened.error();
		// A port that does not speak QMUX never answers CTL: not a QMI modem.
		if (e.code == make_error_code(Errc::Timeout))
			e.code = make_error_code(Errc::NotAModem);
		auto failed = impl->failOpen(e);
		co_return co_await std::move(failed);
	}

	for (auto [service, slot, name] : { std::tuple{ QMI_SERVICE_DMS, &impl->dms, "DMS" },
					    std::tuple{ QMI_SERVICE_NAS, &impl->nas, "NAS" } }) {
		auto r = co_await impl->allocate(service, slot, name);
		if (!r) {
			auto failed = impl->failOpen(r.error());
			co_return co_await std::move(failed);
		}
	}
	auto voice = co_await impl->allocate(QMI_SERVICE_VOICE, &impl->voice, "VOICE");
	impl->voiceAvailable = voice.ok();
	impl->voiceMissing = voice.ok() ? std::string() : voice.error().what;
	if (voice) {
		// USSD indications are only sent to clients that asked for them
		// (qmi-service-voice.json, Indication Register TLV 0x16, since VOICE 2.x).
		auto op4 = impl->call<void>([impl](Done<void> done) {
			impl->connectSignals();
			auto *in = qmi_message_voice_indication_register_input_new();
			qmi_message_voice_indication_register_input_set_ussd_notification_events(in, TRUE, nullptr);
			qmi_client_voice_indication_register(QMI_CLIENT_VOICE(impl->voice), in,
							     seconds(impl->options.requestTimeout), impl->cancellable,
							     onReady, ready([done](GObject *src, GAsyncResult *res) {
								     // Older firmwares answer InvalidQmiCommand and send
								     // USSD indications anyway: not an error.
								     auto *out = qmi_client_voice_indication_register_finish(
									     QMI_CLIENT_VOICE(src), res, nullptr);
								     if (out)
									     qmi_message_voice_indication_register_output_unref(out);
								     done({});
							     }));
			qmi_message_voice_indication_register_input_unref(in);
		});
		co_await std::move(op4);
	}
	setState(*impl, ModemState::Ready);
	co_return Result<void>{};
}

asio::awaitable<void> QmiModem::close()
{
	auto impl = impl_;
	impl->closing = true;
	impl->endUssd();
	impl->wake.cancel();
	impl->identity.reset();
	auto released = impl->releaseAll();
	co_await std::move(released);
	setState(*impl, ModemState::Closed);
}

asio::awaitable<Result<ModemIdentity>> QmiModem::identity(bool refresh)
{
	auto impl = impl_;
	if (impl->state.load() != ModemState::Ready)
		co_return makeError(Errc::Cancelled, "QMI modem is not open");
	if (impl->identity && !refresh)
		co_return *impl->identity;
	guint timeout = seconds(impl->options.requestTimeout);

	// One DMS request whose answer is a single string (TLV 0x01).
	using StringGetter = std::function<void(QmiClientDms *, guint, GCancellable *, GAsyncReadyCallback, gpointer)>;
	using StringFinisher = std::function<Result<std::string>(QmiClientDms *, GAsyncResult *)>;
	auto dmsString = [impl, timeout](StringGetter get, StringFinisher finish) {
		return impl->call<std::string>([impl, timeout, get, finish](Done<std::string> done) {
			get(QMI_CLIENT_DMS(impl->dms), timeout, impl->cancellable, onReady,
			    ready([finish, done](GObject *src, GAsyncResult *res) { done(finish(QMI_CLIENT_DMS(src), res)); }));
		});
	};
#define ZANRYO_DMS_STRING(msg, field, label)                                                                     \
	dmsString(                                                                                                  \
		[](QmiClientDms *c, guint t, GCancellable *cc, GAsyncReadyCallback cb, gpointer d) {                \
			qmi_client_dms_##msg(c, nullptr, t, cc, cb, d);                                              \
		},                                                                                                  \
		[](QmiClientDms *c, GAsyncResult *res) -> Result<std::string> {                                     \
			GError *err = nullptr;                                                                      \
			auto *out = qmi_client_dms_##msg##_finish(c, res, &err);                                    \
			const gchar *v = nullptr;                                                                   \
			if (!out || !qmi_message_dms_##msg##_output_get_result(out, &err) ||                        \
			    !qmi_message_dms_##msg##_output_get_##field(out, &v, &err)) {                           \
				if (out)                                                                            \
					qmi_message_dms_##msg##_output_unref(out);                                  \
				return fromGError(err, label);                                                      \
			}                                                                                           \
			std::string s = gstr(v);                                                                    \
			qmi_message_dms_##msg##_output_unref(out);                                                  \
			return s;                                                                                   \
		})

	ModemIdentity id;
	// A request that fails for lack of time or of the port fails identity(); a field the
	// modem does not know (no SIM: UimUninitialized) stays empty.
	auto fatal = [](const Error &e) {
		return e.code == make_error_code(Errc::Timeout) || e.code == make_error_code(Errc::Cancelled) ||
		       e.code == make_error_code(Errc::DeviceGone);
	};
	{
		auto op6 = ZANRYO_DMS_STRING(get_manufacturer, manufacturer, "DMS Get Manufacturer");
		auto r = co_await std::move(op6);
		if (!r)
			co_return r.error();
		id.manufacturer = *r;
	}
	{
		auto op7 = ZANRYO_DMS_STRING(get_model, model, "DMS Get Model");
		auto r = co_await std::move(op7);
		if (!r)
			co_return r.error();
		id.model = *r;
	}
	{
		auto op8 = ZANRYO_DMS_STRING(get_revision, revision, "DMS Get Revision");
		auto r = co_await std::move(op8);
		if (!r)
			co_return r.error();
		id.revision = *r;
	}
	{
		auto op9 = impl->call<std::string>([impl, timeout](Done<std::string> done) {
			qmi_client_dms_get_ids(QMI_CLIENT_DMS(impl->dms), nullptr, timeout, impl->cancellable, onReady,
					       ready([done](GObject *src, GAsyncResult *res) {
						       GError *err = nullptr;
						       auto *out = qmi_client_dms_get_ids_finish(QMI_CLIENT_DMS(src), res, &err);
						       if (!out || !qmi_message_dms_get_ids_output_get_result(out, &err)) {
							       if (out)
								       qmi_message_dms_get_ids_output_unref(out);
							       return done(fromGError(err, "DMS Get IDs"));
						       }
						       const gchar *imei = nullptr;
						       qmi_message_dms_get_ids_output_get_imei(out, &imei, nullptr);
						       std::string s = gstr(imei);
						       qmi_message_dms_get_ids_output_unref(out);
						       done(s);
					       }));
		});
		auto r = co_await std::move(op9);
		if (!r)
			co_return r.error();
		id.imei = *r;
	}
	{
		auto op10 = ZANRYO_DMS_STRING(uim_get_imsi, imsi, "DMS UIM Get IMSI");
		auto r = co_await std::move(op10);
		if (!r && fatal(r.error()))
			co_return r.error();
		if (r)
			id.imsi = *r;
	}
	{
		auto op11 = ZANRYO_DMS_STRING(uim_get_iccid, iccid, "DMS UIM Get ICCID");
		auto r = co_await std::move(op11);
		if (!r && fatal(r.error()))
			co_return r.error();
		if (r)
			id.iccid = *r;
	}
#undef ZANRYO_DMS_STRING
	{
		struct Plmn {
			std::string mcc, mnc, name;
		};
		auto op12 = impl->call<Plmn>([impl, timeout](Done<Plmn> done) {
			qmi_client_nas_get_serving_system(
				QMI_CLIENT_NAS(impl->nas), nullptr, timeout, impl->cancellable, onReady,
				ready([done](GObject *src, GAsyncResult *res) {
					GError *err = nullptr;
					auto *out = qmi_client_nas_get_serving_system_finish(QMI_CLIENT_NAS(src), res, &err);
					if (!out || !qmi_message_nas_get_serving_system_output_get_result(out, &err)) {
						if (out)
							qmi_message_nas_get_serving_system_output_unref(out);
						return done(fromGError(err, "NAS Get Serving System"));
					}
					guint16 mcc = 0, mnc = 0;
					const gchar *desc = nullptr;
					Plmn p;
					if (qmi_message_nas_get_serving_system_output_get_current_plmn(out, &mcc, &mnc, &desc,
												      nullptr)) {
						// TLV 0x29 says whether the MNC has three digits ("010" vs "10").
						guint16 m2 = 0, n2 = 0;
						gboolean pcs = FALSE;
						bool three = qmi_message_nas_get_serving_system_output_get_mnc_pcs_digit_include_status(
								     out, &m2, &n2, &pcs, nullptr) &&
							     pcs;
						p.mcc = fmt::format("{:03}", mcc);
						p.mnc = three ? fmt::format("{:03}", mnc) : fmt::format("{:02}", mnc);
						p.name = gstr(desc);
					}
					qmi_message_nas_get_serving_system_output_unref(out);
					done(p);
				}));
		});
		auto r = co_await std::move(op12);
		if (!r && fatal(r.error()))
			co_return r.error();
		if (r) {
			id.operatorMcc = r->mcc;
			id.operatorMnc = r->mnc;
			id.operatorName = r->name;
		}
	}
	impl->identity = id;
	co_return id;
}

asio::awaitable<Result<UssdReply>> QmiModem::ussdInitiate(std::string code, Duration timeout)
{
	auto impl = impl_;
	if (auto ok = impl->voiceReady(); !ok)
		co_return ok.error();
	if (impl->ussdActive)
		co_return makeError(Errc::Busy, "a USSD session is already open");
	auto data = encodeQmiUssData(code);
	if (!data)
		co_return data.error();
	impl->ussdActive = true;
	impl->ussdEvents.clear();
	unsigned generation = ++impl->ussdGeneration;
	// The Originate request lives as long as the whole session (menus included); the
	// time limits the caller gives are kept here, on the executor.
	guint sessionLimit = seconds(std::chrono::minutes(10));
	impl->invoke([impl, d = std::move(*data), generation, sessionLimit]() mutable {
		impl->originate(std::move(d), generation, sessionLimit);
	});
	co_return co_await impl->nextUssd(timeout);
}

asio::awaitable<Result<UssdReply>> QmiModem::ussdRespond(std::string text, Duration timeout)
{
	auto impl = impl_;
	if (auto ok = impl->voiceReady(); !ok)
		co_return ok.error();
	if (!impl->ussdActive)
		co_return makeError(Errc::NotFound, "no USSD session is open");
	auto data = encodeQmiUssData(text);
	if (!data)
		co_return data.error();
	guint t = seconds(impl->options.requestTimeout);
	auto op13 = impl->call<void>([impl, d = std::move(*data), t](Done<void> done) {
		auto *in = qmi_message_voice_answer_ussd_input_new();
		GArray *bytes = byteArray(d.bytes);
		qmi_message_voice_answer_ussd_input_set_uss_data(in, static_cast<QmiVoiceUssDataCodingScheme>(d.scheme),
								 bytes, nullptr);
		g_array_unref(bytes);
		qmi_client_voice_answer_ussd(QMI_CLIENT_VOICE(impl->voice), in, t, impl->cancellable, onReady,
					     ready([done](GObject *src, GAsyncResult *res) {
						     GError *err = nullptr;
						     auto *out = qmi_client_voice_answer_ussd_finish(QMI_CLIENT_VOICE(src), res, &err);
						     if (out && qmi_message_voice_answer_ussd_output_get_result(out, &err)) {
							     qmi_message_voice_answer_ussd_output_unref(out);
							     return done({});
						     }
						     if (out)
							     qmi_message_voice_answer_ussd_output_unref(out);
						     done(fromGError(err, "VOICE Answer USSD"));
					     }));
		qmi_message_voice_answer_ussd_input_unref(in);
	});
	auto answered = co_await std::move(op13);
	if (!answered)
		co_return answered.error();
	co_return co_await impl->nextUssd(timeout);
}

asio::awaitable<Result<void>> QmiModem::ussdCancel()
{
	auto impl = impl_;
	if (auto ok = impl->voiceReady(); !ok)
		co_return ok.error();
	if (!impl->ussdActive)
		co_return Result<void>{};
	impl->endUssd();
	auto op14 = impl->call<void>([impl](Done<void> done) { impl->cancelUssd(done); });
	co_return co_await std::move(op14);
}

asio::awaitable<Result<SmsSendResult>> QmiModem::sendSms(std::string, std::string)
{
	co_return makeError(Errc::Unsupported, "SMS over QMI (WMS) is not written yet");
}

asio::awaitable<Result<std::vector<SmsMessage>>> QmiModem::listStoredSms()
{
	co_return makeError(Errc::Unsupported, "SMS over QMI (WMS) is not written yet");
}

asio::awaitable<Result<SmsMessage>> QmiModem::waitSms(SmsFilter, Duration)
{
	co_return makeError(Errc::Unsupported, "SMS over QMI (WMS) is not written yet");
}

} /* namespace zanryo */
