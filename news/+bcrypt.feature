Passwords are stored with bcrypt instead of salted SHA-1; existing passwords are converted at the member's next login.
