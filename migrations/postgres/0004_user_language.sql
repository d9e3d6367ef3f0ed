-- The web application (issue 5): each user's language, remembered with the user and used from
-- sign-in on (Spanish unless the user chose English on the account page).
ALTER TABLE users ADD COLUMN language text NOT NULL DEFAULT 'es'
    CONSTRAINT users_language_known CHECK (language IN ('es', 'en'));
