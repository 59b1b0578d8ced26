// System calls that Glibc's Swift module does not export; empty on other platforms.
#ifndef CSYSTEMSHIMS_H
#define CSYSTEMSHIMS_H
#ifdef __linux__
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>

int accept4(int fd, struct sockaddr *address, socklen_t *length, int flags);

static const unsigned int CSystemShims_EPOLLIN = EPOLLIN;
static const unsigned int CSystemShims_EPOLLOUT = EPOLLOUT;
static const unsigned int CSystemShims_EPOLLERR = EPOLLERR;
static const unsigned int CSystemShims_EPOLLHUP = EPOLLHUP;
static const unsigned int CSystemShims_EPOLLRDHUP = EPOLLRDHUP;
static const unsigned int CSystemShims_EPOLLEXCLUSIVE = EPOLLEXCLUSIVE;
#endif
#endif
