"""The sign-in backend: Django's ModelBackend, except that loading the signed-in user of a request also loads the
user's 任职 (memberships with their units) in the same query.

Every staff page needs them (data scope, unit switcher, navigation, role checks): read with the user, they cost
no second round trip to the database. ``core.middleware.ActiveUnitMiddleware`` uses ``user.all_memberships``
when this backend has set it.
"""

from django.contrib.auth.backends import ModelBackend


class MembershipBackend(ModelBackend):
    def get_user(self, user_id):
        from .models import Membership

        memberships = list(Membership.objects.select_related("user", "org").filter(user_id=user_id, org__is_active=True))
        if not memberships:  # no unit (or only inactive ones): the user alone, as ModelBackend reads it
            user = super().get_user(user_id)
            if user is not None:
                user.all_memberships = []
            return user
        user = memberships[0].user
        for membership in memberships:
            membership.user = user  # one user object, not one per row
        user.all_memberships = memberships
        return user if self.user_can_authenticate(user) else None
