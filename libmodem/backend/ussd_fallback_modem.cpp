#include "libmodem/backend/ussd_fallback_modem.hpp"

#include <utility> // before Boost 1.74 awaitable.hpp, which uses std::exchange

#include <boost/asio/use_awaitable.hpp>
#include <fmt/format.h>

namespace zanryo {

namespace asio = boost::asio;

UssdFallbackModem::UssdFallbackModem(std::unique_ptr<Modem> primary,
				     std::shared_ptr<Modem> fallback)
	: primary_(std::move(primary)), fallback_(std::move(fallback))
{
}

asio::awaitable<Result<void>> UssdFallbackModem::open()
{
	auto op = primary_->open();
	co_return co_await std::move(op);
}

asio::awaitable<void> UssdFallbackModem::close()
{
	if (fallback_ && fallback_->state() != ModemState::Closed) {
		auto op = fallback_->close();
		co_await std::move(op);
	}
	auto op = primary_->close();
	co_await std::move(op);
}

asio::awaitable<Result<void>> UssdFallbackModem::openFallback()
{
	if (fallback_->state() == ModemState::Ready)
		co_return Result<void>{};
	auto op = fallback_->open();
	auto r = co_await std::move(op);
	if (!r) {
		Error e = r.error();
		e.what = fmt::format("USSD through the AT port {}: {}", fallback_->devicePath(),
				     e.what);
		co_return e;
	}
	co_return Result<void>{};
}

asio::awaitable<Result<ModemIdentity>> UssdFallbackModem::identity(bool refresh)
{
	auto op = primary_->identity(refresh);
	co_return co_await std::move(op);
}

asio::awaitable<Result<UssdReply>> UssdFallbackModem::ussdInitiate(std::string code,
								   Duration timeout)
{
	// Named first: GCC 12 and by-value arguments of a coroutine under co_await.
	auto first = primary_->ussdInitiate(code, timeout);
	auto r = co_await std::move(first);
	if (r || r.error().code != make_error_code(Errc::Unsupported) || !fallback_) {
		onFallback_ = false;
		co_return r;
	}
	// The primary cannot do USSD at all (not a network answer: those are NetworkError).
	auto opening = openFallback();
	auto opened = co_await std::move(opening);
	if (!opened)
		co_return opened.error();
	onFallback_ = true;
	auto op = fallback_->ussdInitiate(std::move(code), timeout);
	co_return co_await std::move(op);
}

asio::awaitable<Result<UssdReply>> UssdFallbackModem::ussdRespond(std::string text, Duration timeout)
{
	Modem &port = onFallback_ ? *fallback_ : *primary_;
	auto op = port.ussdRespond(std::move(text), timeout);
	co_return co_await std::move(op);
}

asio::awaitable<Result<void>> UssdFallbackModem::ussdCancel()
{
	Modem &port = onFallback_ ? *fallback_ : *primary_;
	auto op = port.ussdCancel();
	co_return co_await std::move(op);
}

asio::awaitable<Result<SmsSendResult>> UssdFallbackModem::sendSms(std::string number,
								  std::string text)
{
	auto op = primary_->sendSms(std::move(number), std::move(text));
	co_return co_await std::move(op);
}

asio::awaitable<Result<std::vector<SmsMessage>>> UssdFallbackModem::listStoredSms()
{
	auto op = primary_->listStoredSms();
	co_return co_await std::move(op);
}

asio::awaitable<Result<SmsMessage>> UssdFallbackModem::waitSms(SmsFilter filter, Duration timeout)
{
	auto op = primary_->waitSms(std::move(filter), timeout);
	co_return co_await std::move(op);
}

asio::awaitable<Result<void>> UssdFallbackModem::deleteStoredSms(std::vector<int> storageIndexes)
{
	auto op = primary_->deleteStoredSms(std::move(storageIndexes));
	co_return co_await std::move(op);
}

asio::awaitable<Result<PacketStats>> UssdFallbackModem::packetStats()
{
	auto op = primary_->packetStats();
	co_return co_await std::move(op);
}

void UssdFallbackModem::setEventHandlers(ModemEventHandlers handlers)
{
	if (fallback_) {
		ModemEventHandlers ussdOnly;
		ussdOnly.networkUssd = handlers.networkUssd;
		fallback_->setEventHandlers(std::move(ussdOnly));
	}
	primary_->setEventHandlers(std::move(handlers));
}

} /* namespace zanryo */
