from allauth.account import views as allauth_views


class _RejectedFormIs400:
    """A rejected form answers 400 (with the form filled in), as Sanad's own views do."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class SignupView(_RejectedFormIs400, allauth_views.SignupView):
    pass


class LoginView(_RejectedFormIs400, allauth_views.LoginView):
    pass


signup = SignupView.as_view()
login = LoginView.as_view()
