#pragma once

#include <iostream>
#include <iomanip>
#include <atomic>
#include "detail/os/osutil.h"

#define TRACE LOGDETAIL("")
