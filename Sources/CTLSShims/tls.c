// Contexts and sessions for HTTPWire's TLS (see CTLSShims.h).
#include "CTLSShims.h"
