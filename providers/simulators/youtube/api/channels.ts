/**
 * GET /youtube/v3/channels (channels.list, 1 unit): by `id` (at most 50), `forHandle`,
 * `forUsername`, or `mine=true` with the simulated user's token. One filter only. As at YouTube,
 * when nothing matches the answer has no `items` key at all.
 */
import type { Router } from 'express';
import type { SimChannel } from '../../catalogue/types.js';
import { CHANNEL_PARTS, channelResource } from '../channel-resource.js';
import { listEnvelope } from '../envelope.js';
import { youtubeErrors } from '../errors.js';
import { parseBoolean, parseIds, parseMaxResults, parseParts, stringParam } from '../params.js';
import { dataApiRoute, requireUser, type DataApiContext } from './context.js';

export function registerChannelRoutes(router: Router, ctx: DataApiContext): void {
  router.get(
    '/youtube/v3/channels',
    dataApiRoute(ctx, 'channels.list', (req, caller) => {
      const parts = parseParts(req.query, CHANNEL_PARTS);
      const ids = parseIds(req.query, 'id');
      const handle = stringParam(req.query, 'forHandle');
      const username = stringParam(req.query, 'forUsername');
      const mine = parseBoolean(req.query, 'mine');
      const filters = [ids && 'id', handle !== undefined && 'forHandle', username !== undefined && 'forUsername', mine && 'mine'].filter(
        Boolean,
      ) as string[];
      if (filters.length === 0) {
        throw youtubeErrors.noFilter(['forUsername', 'forHandle', 'managedByMe', 'categoryId', 'mine', 'mySubscribers', 'id', 'idParam']);
      }
      if (filters.length > 1) throw youtubeErrors.incompatibleFilters(filters);
      const maxResults = parseMaxResults(req.query, { min: 0, max: 50, fallback: 5 });

      const user = ctx.user();
      const ownChannel = (channel: SimChannel) => channel.id === user.channel.id;
      let channels: SimChannel[];
      if (mine) {
        requireUser(caller);
        channels = [user.channel];
      } else if (ids) {
        channels = ids.flatMap((id) => (id === user.channel.id ? [user.channel] : (ctx.world.channel(id) ?? [])));
      } else {
        const found = handle !== undefined ? ctx.world.channelForHandle(handle) : ctx.world.channelForUsername(username ?? '');
        channels = found ? [found] : [];
      }
      const items = channels.map((channel) =>
        channelResource(
          channel,
          parts,
          ctx.world,
          ownChannel(channel) ? { mine: caller.kind === 'user', publishedAt: user.channelPublishedAt } : { mine: false },
        ),
      );
      return listEnvelope('youtube#channelListResponse', items, { totalResults: items.length, resultsPerPage: maxResults }, {}, true);
    }),
  );
}
