"""The admin's login lockout (django-axes), with two limits:

- **an account from an address**: ``ADMIN_LOGIN_FAILURE_LIMIT`` (5) failures for one user name
  from one address lock that pair out for ``ADMIN_LOCKOUT_MINUTES``. Someone typing an editor's
  name elsewhere cannot lock her out (no denial of service by name), and an editor's own typing
  errors lock only her own address;
- **an address**: ``ADMIN_LOGIN_ADDRESS_FAILURE_LIMIT`` (20) failures from one address, whatever
  the user names, lock the address out. Password spraying (a few common passwords tried on many
  accounts) stays under the first limit on each account; this one stops it. It is higher, so an
  office whose editors share one address does not lock itself out.

The address is the client's, not the proxy's: ``core.client_ip`` (``AXES_CLIENT_IP_CALLABLE``),
the same rule as the API's rate limit.

Why a handler of our own: axes 8 has one limit (``AXES_FAILURE_LIMIT``), compared with the
largest failure count among the groups of ``AXES_LOCKOUT_PARAMETERS`` (``[["username",
"ip_address"], "ip_address"]``). The address's count is never smaller than the pair's, so with one
limit the pair's would never decide. ``LoginLockoutHandler`` (``AXES_HANDLER``) counts the address
group against its own limit. It also keeps a successful login from forgiving the other accounts'
failures from its address: one valid password would otherwise wipe out a spraying's count.
The attempts stay in the database (every app server sees them); ``manage.py axes_reset`` unlocks.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit, get_lockout_parameters
from django.conf import settings
from django.db.models import Sum

ADDRESS = "ip_address"


def failures(attempts):
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class LoginLockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None):
        """The failures axes compares with ``AXES_FAILURE_LIMIT``: the user name's from this
        address, or that limit itself once the address alone has reached its own limit."""
        limit = get_failure_limit(request, credentials)
        groups = get_lockout_parameters(request, credentials)
        counts = [0]
        for group, attempts in zip(
            groups, self.get_user_attempts(request, credentials), strict=True
        ):
            count = failures(attempts)
            if group == ADDRESS:
                count = limit if count >= settings.ADMIN_LOGIN_ADDRESS_FAILURE_LIMIT else 0
            counts.append(count)
        return max(counts)

    def reset_user_attempts(self, request, credentials=None):
        """After a successful login: that user name's failures from this address only."""
        groups = get_lockout_parameters(request, credentials)
        count = 0
        for group, attempts in zip(
            groups, self.filter_user_attempts(request, credentials), strict=True
        ):
            if group != ADDRESS:
                count += attempts.delete()[0]
        return count
