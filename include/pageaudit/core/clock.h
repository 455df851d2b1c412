// The injectable clock: what "now" and "today" are, for the store's timestamps and the audit.
#pragma once

#include <string>

#include "pageaudit/core/date.h"

namespace pageaudit {

// UTC now as 'YYYY-MM-DDTHH:MM:SSZ'. With $PAGEAUDIT_NOW set (tests, reproducible demos) that value.
std::string utc_now_iso();

// The local day today. $PAGEAUDIT_TODAY ('YYYY-MM-DD') overrides it, so tests and demos can run
// "as of" a fixed day.
Date today();

}  // namespace pageaudit
