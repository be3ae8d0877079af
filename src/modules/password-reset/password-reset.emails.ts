/** The e-mail with the reset link, in French. Pure: the service writes it to the outbox. */
export function passwordResetEmail(ctx: { link: string; validMinutes: number }): { subject: string; body: string } {
  return {
    subject: 'Choisir un nouveau mot de passe',
    body:
      'Bonjour,\n\n' +
      'Vous avez demandé à changer le mot de passe de votre compte Binôme. Pour en choisir un nouveau, ' +
      `ouvrez ce lien dans les ${ctx.validMinutes} minutes :\n\n${ctx.link}\n\n` +
      'Ce lien ne sert qu’une fois. Si vous n’avez rien demandé, ignorez ce message : votre mot de passe ne change pas.' +
      '\n\nL’équipe Binôme\n(Ce message est envoyé automatiquement.)',
  };
}
