#include "libmodem/qmi/qmi_modem.hpp"


#include <fmt/format.h>

#include "libmodem/qmi/qmi_modem_impl.hpp"
#include "libmodem/qmi/qmi_trace.hpp"

namespace zanryo {

namespace asio = boost::asio;

QmiModem::QmiModem(asio::any_io_executor executor, std::string devicePath, QmiModemOptions options)
	: path_(devicePath), impl_(std::make_shared<Impl>(std::move(executor), std::move(devicePath), options))
{
	qmiTraceAttach(path_, options.traceName, options.trace);
}

QmiModem::~QmiModem()
{
	impl_->shutdown();
	qmiTraceDetach(path_);
}

ModemState QmiModem::state() const noexcept
{
	return impl_->state.load();
}

void QmiModem::setEventHandlers(ModemEventHandlers handlers)
{
	impl_->handlers = std::move(handlers);
}

asio::awaitable<Result<ModemIdentity>> QmiModem::identity(bool refresh)
{
	auto impl = impl_;
	if (impl->state.load() != ModemState::Ready)
		co_return impl->notReady();
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
		else {
			// Firmwares without the DMS UIM messages (NotSupported, InvalidQmiCommand):
			// the SIM file itself, over UIM.
			auto op = impl->simFileText('i');
			auto f = co_await std::move(op);
			if (!f && fatal(f.error()))
				co_return f.error();
			if (f)
				id.imsi = *f;
		}
	}
	{
		auto op11 = ZANRYO_DMS_STRING(uim_get_iccid, iccid, "DMS UIM Get ICCID");
		auto r = co_await std::move(op11);
		if (!r && fatal(r.error()))
			co_return r.error();
		if (r)
			id.iccid = *r;
		else {
			// Firmwares without the DMS UIM messages (NotSupported, InvalidQmiCommand):
			// the SIM file itself, over UIM.
			auto op = impl->simFileText('c');
			auto f = co_await std::move(op);
			if (!f && fatal(f.error()))
				co_return f.error();
			if (f)
				id.iccid = *f;
		}
	}
	{
		// The SIM's own number; most prepaid SIMs hold none (an error: stays empty).
		auto op15 = ZANRYO_DMS_STRING(get_msisdn, msisdn, "DMS Get MSISDN");
		auto r = co_await std::move(op15);
		if (!r && fatal(r.error()))
			co_return r.error();
		if (r)
			id.msisdn = *r;
	}
#undef ZANRYO_DMS_STRING
	{
		// EF_SPN: the name the SIM's issuer wants shown (an MVNO's, not the host network's).
		auto op = impl->simFileText('s');
		auto r = co_await std::move(op);
		if (!r && fatal(r.error()))
			co_return r.error();
		if (r)
			id.spn = *r;
	}
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

/* USSD: the session's rules are UssdSession's (ussd_driver.hpp); here the wire. */

void QmiModem::Impl::onUssdEvent(UssdEvent ev)
{
	switch (ev.kind) {
	case UssdEvent::Kind::Indication:
		// A menu (user action required) or a message with no answer expected: the
		// answer to our request, or network-initiated when none waits.
		ussd->networkReply(std::move(ev.reply));
		return;
	case UssdEvent::Kind::Released:
		if (ussdReleaseExpected) {
			// The Release USSD indication that follows our own Cancel USSD: it ends the
			// cancelled dialogue, not one started since.
			ussdReleaseExpected = false;
			return;
		}
		if (ussd->state() == UssdSessionState::Idle)
			return;  // no dialogue to end
		ussd->networkReply(std::move(ev.reply));
		return;
	case UssdEvent::Kind::Final:
		if (ev.generation != ussdGeneration)
			return;  // the answer to a session that already timed out or was cancelled
		switch (ussd->state()) {
		case UssdSessionState::Idle:
			return;
		case UssdSessionState::Active:
			ussd->networkReply(std::move(ev.reply));
			return;
		case UssdSessionState::UserResponse:
			// The network ended the session while its menu waited for an answer.
			if (!ev.reply) {
				UssdReply released;
				released.status = UssdStatus::Terminated;
				released.raw = ev.reply.error().message();
				ev.reply = released;
			}
			ussd->networkReply(std::move(ev.reply));
			return;
		}
		return;
	}
}

asio::awaitable<Result<void>> QmiModem::Impl::sendUssd(std::string text, bool menuAnswer, Modem::Duration timeout)
{
	auto impl = shared_from_this();
	(void)timeout;  // the caller's deadline is the session's; libqmi gets its own limits
	if (auto ok = voiceReady(); !ok)
		co_return ok.error();
	auto data = encodeQmiUssData(text);
	if (!data)
		co_return data.error();
	if (!menuAnswer) {
		unsigned generation = ++ussdGeneration;
		// The Originate request lives as long as the whole session (menus included);
		// its response, the final answer, comes back as an event (onUssdEvent).
		guint sessionLimit = seconds(std::chrono::minutes(10));
		invoke([impl, d = std::move(*data), generation, sessionLimit]() mutable {
			impl->originate(std::move(d), generation, sessionLimit);
		});
		co_return Result<void>{};
	}
	guint t = seconds(options.requestTimeout);
	auto op13 = call<void>([impl, d = std::move(*data), t](Done<void> done) {
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
	co_return co_await std::move(op13);
}

asio::awaitable<Result<void>> QmiModem::Impl::cancelUssd()
{
	return voiceCancel(shared_from_this());
}

asio::awaitable<Result<void>> QmiModem::Impl::voiceCancel(std::shared_ptr<Impl> impl)
{
	if (auto ok = impl->voiceReady(); !ok)
		co_return ok.error();
	impl->ussdReleaseExpected = true;
	++impl->ussdGeneration;  // whatever the cancelled Originate still answers is dropped
	auto op14 = impl->call<void>([impl](Done<void> done) { impl->voiceCancelUssd(done); });
	co_return co_await std::move(op14);
}

void QmiModem::Impl::notifyUssd(const UssdReply &reply)
{
	if (handlers.networkUssd)
		handlers.networkUssd(reply);
}

void QmiModem::Impl::ussdStateChanged(UssdSessionState state)
{
	if (handlers.ussdStateChanged)
		handlers.ussdStateChanged(state);
}

asio::awaitable<Result<UssdReply>> QmiModem::ussdInitiate(std::string code, Duration timeout)
{
	auto impl = impl_;
	if (auto ok = impl->voiceReady(); !ok)
		co_return ok.error();
	co_return co_await impl->ussd->initiate(std::move(code), timeout);
}

asio::awaitable<Result<UssdReply>> QmiModem::ussdRespond(std::string text, Duration timeout)
{
	auto impl = impl_;
	if (auto ok = impl->voiceReady(); !ok)
		co_return ok.error();
	co_return co_await impl->ussd->respond(std::move(text), timeout);
}

asio::awaitable<Result<void>> QmiModem::ussdCancel()
{
	auto impl = impl_;
	if (auto ok = impl->voiceReady(); !ok)
		co_return ok.error();
	// A pending Initiate or Respond ends now with Errc::Cancelled, not at its timeout.
	if (!impl->ussd->cancel())
		co_return Result<void>{};  // no dialogue of ours
	co_return co_await impl->voiceCancel(impl);
}

} /* namespace zanryo */
