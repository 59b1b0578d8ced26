// SwiftPM needs one source file in a C target; the shims are all in the header.
#include "CSystemShims.h"
