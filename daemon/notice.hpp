#pragma once

#include "libmodem/balance/balance.hpp"
#include "plan.hpp"

namespace zanryo {

/// \brief The Balance after a carrier notice SMS ("80% of your data used", "速度制限",
/// "пакет интернета исчерпан") arrived on top of the last reading.
///
/// A notice states one thing; what it leaves out stays as the last reading said it
/// (money, expiry, the data figures when the notice gives none). A share used becomes
/// remaining data against the total the carrier stated, else the plan's allowance. The
/// notice flags (throttled, running low, the share used) carry over from earlier notices
/// until a query's reply replaces the whole reading.
///
/// \param previous the reading shown now, or null when there is none
Balance mergeNotice(const Balance *previous, Balance notice, const Plan &plan);

} /* namespace zanryo */
